/**
 * The one place node-hid is touched. Everything else talks to the small `HidApi` interface, so tests can
 * drive the HID code through a fake (there is no virtual HID device on these machines).
 */
import type * as NodeHid from 'node-hid';

export interface HidDeviceDescriptor {
  readonly path: string | null;
  readonly vendorId: number;
  readonly productId: number;
  readonly product: string | null;
  readonly manufacturer: string | null;
}

export interface HidConnection {
  /** One output report (without report id: we prepend 0 for node-hid). */
  write(report: readonly number[]): Promise<void>;
  /** One input report, or undefined when nothing came within the timeout. */
  read(timeoutMs: number): Promise<number[] | undefined>;
  sendFeatureReport(data: readonly number[]): Promise<void>;
  close(): Promise<void>;
}

export interface HidApi {
  devices(): Promise<HidDeviceDescriptor[]>;
  open(path: string): Promise<HidConnection>;
}

/** The real node-hid, loaded only when first used (its native addon is not needed by tests or CLIs that do not ask). */
export function nodeHidApi(): HidApi {
  let loaded: Promise<typeof NodeHid> | undefined;
  const hid = (): Promise<typeof NodeHid> => (loaded ??= import('node-hid'));
  return {
    async devices() {
      const list = await (await hid()).devicesAsync();
      return list.map((d) => ({
        path: d.path ?? null,
        vendorId: d.vendorId,
        productId: d.productId,
        product: d.product ?? null,
        manufacturer: d.manufacturer ?? null,
      }));
    },
    async open(path) {
      const device = await (await hid()).HIDAsync.open(path);
      return {
        async write(report) {
          await device.write([0x00, ...report]);
        },
        async read(timeoutMs) {
          const data = await device.read(timeoutMs);
          return data === undefined || data.length === 0 ? undefined : [...data];
        },
        async sendFeatureReport(data) {
          await device.sendFeatureReport([...data]);
        },
        async close() {
          await device.close();
        },
      };
    },
  };
}

/** hid:VVVV:PPPP (hex) → ids. */
export function parseHidPort(port: string): { vendorId: number; productId: number } | undefined {
  const match = /^hid:([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$/.exec(port);
  if (match === null) return undefined;
  return { vendorId: Number.parseInt(match[1] ?? '', 16), productId: Number.parseInt(match[2] ?? '', 16) };
}

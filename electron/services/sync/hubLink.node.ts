/**
 * The station's link to its hospital hub (issue 15 §1), main's side: a session with the hub as the station user
 * (its central password: provision-hub copies the station users), a probe loop like central's, and the `/hub/`
 * proxy route in front of it with the same rules as `/central/`. The renderer replicates over `/hub/` while
 * this probe finds the hub, else over `/central/` (sync/replication/hubFailover.dom.ts).
 */
import type { ProbePolicy } from '../../../sync/replication/linkPolicy.std.js';
import { CentralSession, type SessionOptions } from './centralSession.node.js';
import { LinkMonitor } from './linkMonitor.node.js';
import { probeSession } from './sessionProbe.node.js';
import type { ProbeRecord } from './syncStore.node.js';

export interface HubLinkOptions {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly caPem: string | null;
  readonly database: string;
  readonly policy: ProbePolicy;
  readonly session?: SessionOptions;
  /** After every probe, with the one before it. */
  readonly onProbe: (record: ProbeRecord, before: ProbeRecord | null) => void;
}

export class HubLink {
  readonly url: string;
  readonly session: CentralSession;
  readonly #monitor: LinkMonitor<ProbeRecord>;
  #last: ProbeRecord | null = null;

  constructor(options: HubLinkOptions) {
    this.url = options.url;
    this.session = new CentralSession(
      {
        centralUrl: options.url,
        username: options.username,
        password: options.password,
        caPem: options.caPem,
        database: options.database,
      },
      options.session,
    );
    this.#monitor = new LinkMonitor(async () => {
      const record = await probeSession(this.session, options.policy.timeoutMs);
      const before = this.#last;
      this.#last = record;
      options.onProbe(record, before);
      return record;
    }, options.policy);
  }

  get link(): ProbeRecord | null {
    return this.#last;
  }

  start(): void {
    this.#monitor.start();
  }

  wake(): Promise<ProbeRecord> {
    return this.#monitor.wake();
  }

  async close(): Promise<void> {
    await this.#monitor.stop();
    this.session.close();
  }
}

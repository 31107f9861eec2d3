/** Slip rasters for printer tests: a frame and a diagonal, so a lost or shifted row shows. */
export interface TestRaster {
  readonly widthBytes: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** A 576-dot slip with a black frame and a diagonal. */
export function testRaster(height: number): TestRaster {
  const widthBytes = 72;
  const data = new Uint8Array(widthBytes * height);
  for (let y = 0; y < height; y += 1) {
    for (const x of [0, 575, Math.floor((y * 575) / (height - 1))])
      data[y * widthBytes + (x >> 3)] = (data[y * widthBytes + (x >> 3)] ?? 0) | (0x80 >> (x & 7));
    if (y === 0 || y === height - 1) data.fill(0xff, y * widthBytes, (y + 1) * widthBytes);
  }
  return { widthBytes, height, data };
}

/** The raster as printer.printSlip takes it (base64 rows). */
export function wire(raster: TestRaster): { widthBytes: number; height: number; base64: string } {
  return { widthBytes: raster.widthBytes, height: raster.height, base64: Buffer.from(raster.data).toString('base64') };
}

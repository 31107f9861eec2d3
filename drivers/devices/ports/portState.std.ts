/** Where a device port is in its life: what the port runner reports and IT reads in the device list. */
export const PORT_STATES = [
  'opening',
  'open',
  'listening',
  'retrying',
  'waiting_device',
  'disabled',
  'closed',
] as const;
export type PortState = (typeof PORT_STATES)[number];

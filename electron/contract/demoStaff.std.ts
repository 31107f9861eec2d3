/** The staff of a demo station (training only): shown with their PINs on the demo sign-in screen. */
import type { StaffRole } from '../../sync/model/staff.std.js';

export const DEMO_STAFF: readonly {
  readonly code: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly pin: string;
}[] = [
  { code: 'demo-frontdesk', name: 'ห้องบัตร (สาธิต)', role: 'front_desk', pin: '1111' },
  { code: 'demo-nurse', name: 'พยาบาล (สาธิต)', role: 'nurse', pin: '2222' },
  { code: 'demo-it', name: 'ไอที (สาธิต)', role: 'it', pin: '3333' },
];

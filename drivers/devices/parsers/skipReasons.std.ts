/** Why a value in a frame was not charted, with the words IT and nurses read (Thai first). */
export const SKIP_REASONS = [
  'placeholder',
  'status_not_final',
  'demo',
  'invalid_marker',
  'unknown_code',
  'not_charted',
  'not_a_number',
  'unit_missing',
  'unit_unknown',
  'unit_mismatch',
  'implausible',
  'pair_refused',
  'duplicate',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** Reasons where the device itself says the value is no measurement, or the app does not chart it. */
export const IGNORED_REASONS: ReadonlySet<SkipReason> = new Set([
  'placeholder',
  'status_not_final',
  'demo',
  'invalid_marker',
  'unknown_code',
  'not_charted',
  'duplicate',
]);

export const SKIP_REASON_TEXT: Readonly<Record<SkipReason, { readonly th: string; readonly en: string }>> = {
  placeholder: {
    th: 'เครื่องส่งค่าว่างหรือค่าแทน (ไม่ใช่ค่าที่วัดจริง)',
    en: 'the device sent an empty or stand-in value, not a measurement',
  },
  status_not_final: {
    th: 'เครื่องแจ้งว่าค่านี้วัดไม่ได้ ถูกลบ หรือผิด',
    en: 'the device says this value could not be measured, was deleted or is wrong',
  },
  demo: {
    th: 'เครื่องอยู่ในโหมดสาธิตหรือทดสอบ (ไม่ใช่ค่าของผู้ป่วย)',
    en: 'the device is in demo or test mode (not a patient’s value)',
  },
  invalid_marker: { th: 'เครื่องส่งรหัส "ไม่มีค่า"', en: 'the device sent its "no value" marker' },
  unknown_code: {
    th: 'ไม่รู้จักรหัสค่านี้ (ตั้งผังรหัสในหน้าอุปกรณ์ได้)',
    en: 'code not understood (IT can map it under Devices)',
  },
  not_charted: {
    th: 'เป็นค่าที่เครื่องวัดได้แต่ไม่ใช่สัญญาณชีพที่บันทึกในแฟ้ม (เช่น องค์ประกอบร่างกาย)',
    en: 'a value the device measured that the chart does not hold (such as body composition)',
  },
  not_a_number: { th: 'ค่าไม่ใช่ตัวเลข', en: 'the value is not a number' },
  unit_missing: { th: 'เครื่องไม่ได้ส่งหน่วย', en: 'the device sent no unit' },
  unit_unknown: { th: 'ไม่รู้จักหน่วยที่เครื่องส่งมา', en: 'unit not understood' },
  unit_mismatch: { th: 'หน่วยไม่ตรงกับชนิดของค่า', en: 'the unit does not fit this kind of value' },
  implausible: { th: 'ค่าอยู่นอกช่วงที่เป็นไปได้', en: 'value outside the possible range' },
  pair_refused: {
    th: 'ความดันตัวบนและตัวล่างต้องบันทึกคู่กัน อีกค่าหนึ่งใช้ไม่ได้',
    en: 'systolic and diastolic are charted together and the other one was not usable',
  },
  duplicate: {
    th: 'ข้อความเดียวกันส่งค่านี้ซ้ำ (บันทึกค่าแรกแล้ว)',
    en: 'the same message sent this value twice (the first one is charted)',
  },
};

/**
 * The Tanita body-composition family as data: what differs between models is how a line is laid out, whether it
 * carries a CS, how it writes its date, what may follow the CS and how long a line can be. One parser
 * (tanita.std.ts) reads them all. Sources per model are in test/fixtures/devices/public/serial/<model>/SOURCES.md.
 */

/** How a model writes its date field: the order of day, month and year (two- or four-digit year). */
export type DateOrder = 'dmy' | 'ymd';

export interface TanitaModel {
  /** The profile that reads this model. */
  readonly profile: 'tanita-sc240' | 'tanita-sc330' | 'tanita-mc780' | 'tanita-dc320' | 'tanita-bc418';
  /** What the model writes in MO (a line naming another model is refused: the port is set up wrong). */
  readonly model: string;
  /**
   * `keyed`: `{0,16,~0,1,~1,1,~2,1,MO,"…",code,value,…,CS,XX`; or the field codes in order for a model that
   * sends bare values (the BC-418 as Onyx reads it), mapped to the same codes as the keyed models.
   */
  readonly layout: 'keyed' | readonly string[];
  /** The date field's code and order; its time is TI (keyed) or the field after the date (positional). */
  readonly date?: { readonly code: string; readonly order: DateOrder };
  /** A `}` after the CS value ends the line (SC-330 logs). */
  readonly closingBrace?: boolean;
  /** The longest line the model sends, with room to spare; longer is refused as device_frame_too_long. */
  readonly maxLineLength: number;
}

export const TANITA_MODELS: Readonly<Record<TanitaModel['profile'], TanitaModel>> = {
  // SC-240 manual output sample (p. 24): no date fields, CS = byte sum.
  'tanita-sc240': { profile: 'tanita-sc240', model: 'SC-240', layout: 'keyed', maxLineLength: 1024 },
  // A public SC-330 bridge's log: Da "dd/mm/yyyy", TI "hh:mm", `}` after the CS, 263 bytes + CRLF.
  'tanita-sc330': {
    profile: 'tanita-sc330',
    model: 'SC-330',
    layout: 'keyed',
    date: { code: 'Da', order: 'dmy' },
    closingBrace: true,
    maxLineLength: 1024,
  },
  // code4fukui/bodychecker MC780A.test.js: DT "yyyy/mm/dd", 1,271 bytes without line end (segmental + impedance).
  'tanita-mc780': {
    profile: 'tanita-mc780',
    model: 'MC-780',
    layout: 'keyed',
    date: { code: 'DT', order: 'ymd' },
    maxLineLength: 1600,
  },
  // A public DC-320 kiosk script's sample: DA "19/01/30" read as yy/mm/dd (30 cannot be a month; confidence L).
  'tanita-dc320': {
    profile: 'tanita-dc320',
    model: 'DC-320',
    layout: 'keyed',
    date: { code: 'DA', order: 'ymd' },
    maxLineLength: 1024,
  },
  // obiba/onyx Bc418InstrumentRunner: bare comma-separated values, date "dd/MM/yy" and time quoted, 38 fields.
  'tanita-bc418': {
    profile: 'tanita-bc418',
    model: 'BC-418',
    layout: [
      'Da',
      'TI',
      'Bt',
      'GE',
      'Hm',
      'Wk',
      'FW',
      'fW',
      'MW',
      'wW',
      'AG',
      'MI',
      'rB',
      'ZF',
      'ZR',
      'ZL',
      'Zr',
      'Zl',
      'FR',
      'fR',
      'MR',
      'mR',
      'FL',
      'fL',
      'ML',
      'mL',
      'Fr',
      'fr',
      'Mr',
      'mr',
      'Fl',
      'fl',
      'Ml',
      'ml',
      'FT',
      'fT',
      'MT',
      'mT',
    ],
    date: { code: 'Da', order: 'dmy' },
    maxLineLength: 1024,
  },
};

/** Whole-body codes named in the sources, for the note on a value the chart does not hold. */
export const TANITA_CODE_NAMES: Readonly<Record<string, string>> = {
  FW: 'body fat %',
  fW: 'fat mass',
  MW: 'fat-free mass',
  mW: 'muscle mass',
  sW: 'muscle score',
  bW: 'bone mass',
  wW: 'total body water',
  ww: 'total body water %',
  Sw: 'standard body weight',
  OV: 'degree of obesity',
  IF: 'visceral fat rating',
  rb: 'BMR (kJ)',
  rB: 'BMR (kcal)',
  rJ: 'BMR score',
  rA: 'metabolic age',
  ZF: 'impedance',
  LP: 'leg score',
  Sf: 'standard body fat %',
  SM: 'standard muscle mass',
  Ap: 'athlete index',
};

/** Fields that describe the measurement or the line rather than measure anything: no note when not charted. */
export const TANITA_META_CODES: ReadonlySet<string> = new Set([
  '{0',
  '~0',
  '~1',
  '~2',
  'MO',
  'SN',
  'ID',
  'CC',
  'St',
  'Da',
  'DA',
  'DT',
  'TI',
  'Bt',
  'GE',
  'AG',
  'Pt',
  'CS',
]);

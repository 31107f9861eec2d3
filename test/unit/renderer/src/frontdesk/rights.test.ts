import { describe, expect, it } from 'vitest';
import { hasRights, rightWords, schemeCode, subRightWords } from '../../../../../renderer/src/frontdesk/rights.std.js';

describe('right to care in a clerk’s words', () => {
  it('names the scheme the card’s code stands for, and keeps the code', () => {
    expect(schemeCode('(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ')).toBe('UCS');
    expect(rightWords('(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ', 'th')).toBe('บัตรทอง (หลักประกันสุขภาพแห่งชาติ) · UCS');
    expect(rightWords('(SSS) สิทธิประกันสังคม', 'th')).toBe('ประกันสังคม · SSS');
    expect(rightWords('(OFC) สิทธิข้าราชการ', 'en')).toBe('Civil servant (Comptroller General) · OFC');
  });

  it('shows the card’s own text for a scheme it does not know, and a dash for none', () => {
    expect(rightWords('(XYZ) สิทธิใหม่', 'th')).toBe('(XYZ) สิทธิใหม่');
    expect(rightWords('   ', 'th')).toBe('—');
    expect(subRightWords('(89) ช่วงอายุ 12-59 ปี')).toBe('ช่วงอายุ 12-59 ปี');
    expect(subRightWords('(89)')).toBeNull();
  });

  it('an empty applet is no rights', () => {
    const empty = {
      mainInscl: ' ',
      subInscl: '',
      mainHospital: '',
      subHospital: '',
      paidType: '',
      issueDate: null,
      expiryDate: null,
      updateDate: null,
      changeHospitalAmount: '',
    };
    expect(hasRights(null)).toBe(false);
    expect(hasRights(empty)).toBe(false);
    expect(hasRights({ ...empty, mainInscl: '(UCS) x' })).toBe(true);
  });
});

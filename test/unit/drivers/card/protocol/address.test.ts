import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAddress } from '../../../../../drivers/card/protocol/address.std.js';

describe('address parts by Thai prefix word', () => {
  it('reads a rural address with moo, trok and soi together', () => {
    const address = parseAddress(
      '123/4#หมู่ที่ 5#ตรอกวัดกลาง#ซอยสุขใจ#ถนนมิตรภาพ#ตำบลในเมือง#อำเภอเมืองขอนแก่น#จังหวัดขอนแก่น',
    );
    expect(address).toMatchObject({
      houseNo: '123/4',
      villageNo: '5',
      lane: 'ตรอกวัดกลาง ซอยสุขใจ',
      road: 'มิตรภาพ',
      subdistrict: 'ในเมือง',
      district: 'เมืองขอนแก่น',
      province: 'ขอนแก่น',
      other: [],
    });
  });

  it('reads moo and soi together (go-thai-smartcard cannot)', () => {
    expect(parseAddress('8#หมู่ที่ 3##ซอยร่มเย็น###ตำบลท่าช้าง#อำเภอเมือง#จังหวัดจันทบุรี')).toMatchObject({
      villageNo: '3',
      lane: 'ร่มเย็น',
    });
  });

  it('reads Bangkok แขวง/เขต and fills the province when จังหวัด is missing', () => {
    expect(parseAddress('99/9####ถนนพหลโยธิน##แขวงลาดยาว#เขตจตุจักร#')).toMatchObject({
      houseNo: '99/9',
      villageNo: null,
      road: 'พหลโยธิน',
      subdistrict: 'ลาดยาว',
      district: 'จตุจักร',
      province: 'กรุงเทพมหานคร',
    });
    expect(parseAddress('1#แขวงบางรัก#เขตบางรัก#กรุงเทพมหานคร').province).toBe('กรุงเทพมหานคร');
  });

  it('does not take a village name (หมู่บ้าน) for a village number, and keeps unknown parts', () => {
    const address = parseAddress('5/5#หมู่บ้านสุขสันต์#หมู่ที่ 7#ตำบลบ้านใหม่#อำเภอเมือง#จังหวัดเชียงราย');
    expect(address.villageNo).toBe('7');
    expect(address.other).toEqual(['หมู่บ้านสุขสันต์']);
  });

  it('accepts abbreviated prefixes and prefixes without a space', () => {
    expect(parseAddress('10#ม.4#ต.หนองบัว#อ.เมือง#จ.อุดรธานี')).toMatchObject({
      villageNo: '4',
      subdistrict: 'หนองบัว',
      district: 'เมือง',
      province: 'อุดรธานี',
    });
    expect(parseAddress('10#หมู่ที่4').villageNo).toBe('4');
  });

  it('copes with empty and odd input', () => {
    expect(parseAddress('')).toMatchObject({ houseNo: null, province: null, other: [], full: '' });
    expect(parseAddress('########')).toMatchObject({ houseNo: null, full: '' });
  });

  const word = fc.stringMatching(/^[ก-ฮ]{1,8}$/);
  it('property: parts are found whatever their position and the empty slots between them', () => {
    fc.assert(
      fc.property(
        fc.record({
          moo: fc.integer({ min: 1, max: 30 }),
          soi: word,
          road: word,
          tambon: word,
          amphoe: word,
          province: word,
        }),
        fc.array(fc.nat({ max: 3 }), { minLength: 6, maxLength: 6 }),
        fc.boolean(),
        (parts, gaps, shuffle) => {
          const middle = [
            `หมู่ที่ ${parts.moo}`,
            `ซอย${parts.soi}`,
            `ถนน${parts.road}`,
            `ตำบล${parts.tambon}`,
            `อำเภอ${parts.amphoe}`,
          ];
          if (shuffle) middle.reverse();
          const slots = [...middle, `จังหวัด${parts.province}`].flatMap((part, i) => [
            ...new Array<string>(gaps[i] ?? 0).fill(''),
            part,
          ]);
          const address = parseAddress(['12/3', ...slots].join('#'));
          expect(address).toMatchObject({
            houseNo: '12/3',
            villageNo: String(parts.moo),
            lane: parts.soi,
            road: parts.road,
            subdistrict: parts.tambon,
            district: parts.amphoe,
            province: parts.province,
            other: [],
          });
        },
      ),
      { numRuns: 2000 },
    );
  });
});

/**
 * Invented people for demo mode, tests and the benchmark: made-up names, valid check digits, admin areas only
 * as place names. They cover the shapes real cards come in: moo + trok + soi together, Bangkok แขวง/เขต without
 * จังหวัด, a year-only birth date on an old lifelong 3B 67 chip without laser id, request number or NHSO data.
 */
import type { SyntheticIdentity } from './identity.std.js';
import { syntheticPortrait } from './tinyJpeg.std.js';

const UCS = {
  mainInscl: '(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ',
  subInscl: '(89) ช่วงอายุ 12-59 ปี',
  mainHospital: 'รพ.สต.บ้านตัวอย่าง',
  subHospital: 'โรงพยาบาลชุมชนทดสอบ',
  paidType: '1',
  issueDate: '25670401',
  expiryDate: '99999999',
  updateDate: '25670401',
  changeHospitalAmount: '0',
} as const;

export const demoIdentities: readonly SyntheticIdentity[] = [
  {
    cid: '1101700548210',
    thaiName: 'นาย#สมมติ##ทดสอบดี',
    englishName: 'Mr.#Sommut##Thotsobdee',
    birthDate: '25300115',
    sex: '1',
    issuer: 'อำเภอเมืองขอนแก่น/ขอนแก่น',
    issueDate: '25650310',
    expiryDate: '25740114',
    address: '123/4#หมู่ที่ 5#ตรอกวัดกลาง#ซอยสุขใจ#ถนนมิตรภาพ#ตำบลในเมือง#อำเภอเมืองขอนแก่น#จังหวัดขอนแก่น',
    requestNumber: '10170310123456',
    photo: syntheticPortrait(1),
    laserId: 'JT0-1234567-89',
    nhso: UCS,
  },
  {
    cid: '3409900314574',
    thaiName: 'นางสาว#ตัวอย่าง##ใจงาม',
    englishName: 'Miss#Tuayang##Jaingam',
    birthDate: '25201231',
    sex: '2',
    issuer: 'สำนักงานเขตจตุจักร/กรุงเทพมหานคร',
    issueDate: '25660102',
    expiryDate: '25751230',
    address: '99/9####ถนนพหลโยธิน##แขวงลาดยาว#เขตจตุจักร#',
    requestNumber: '10300102654321',
    photo: syntheticPortrait(2),
    laserId: 'ME1-7654321-00',
    nhso: { ...UCS, subInscl: '(74) ข้าราชการบำนาญ', mainHospital: 'โรงพยาบาลทดสอบกลาง' },
  },
  {
    cid: '3100100998732',
    thaiName: 'นาง#ทองดี##มีสุขสม',
    englishName: 'Mrs.#Thongdee##Meesuksom',
    birthDate: '24900000',
    sex: '2',
    issuer: 'อำเภอแม่ริม/เชียงใหม่',
    issueDate: '25520620',
    expiryDate: '99999999',
    address: '7#หมู่ที่ 2####ตำบลริมใต้#อำเภอแม่ริม#จังหวัดเชียงใหม่',
    requestNumber: null,
    photo: syntheticPortrait(3),
    laserId: null,
    nhso: null,
  },
  {
    cid: '6501200789037',
    thaiName: 'นาย#จอห์น#ทดลอง#สมมติวงศ์',
    englishName: 'Mr.#John#Tester#Sommutwong',
    birthDate: '25350700',
    sex: '1',
    issuer: 'อำเภอแม่สอด/ตาก',
    issueDate: '25640901',
    expiryDate: '25690831',
    address: '55#หมู่ที่ 9#####ตำบลแม่ปะ#อำเภอแม่สอด#จังหวัดตาก',
    requestNumber: '63060901000111',
    photo: syntheticPortrait(4),
    laserId: 'AB2-0000001-23',
    nhso: null,
  },
];

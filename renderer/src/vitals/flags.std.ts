/**
 * Abnormal-value flags for one vital sign. Where NEWS2 scores the parameter its score decides (1-2: watch,
 * 3: alert); blood pressure also gets the hypertension thresholds (SYS ≥ 140 or DIA ≥ 90, Thai
 * Hypertension Society guideline 2019), and BMI the Asian cut-offs (WHO expert consultation 2004:
 * < 18.5 underweight, ≥ 23 overweight, ≥ 27.5 high risk).
 */
import { pulseScore, respiratoryRateScore, spo2Scale1Score, systolicScore, temperatureScore } from './news2.std.js';
import { Loinc as Codes } from '../../../sync/model/vitals/vitalSigns.std.js';

export type FlagLevel = 'normal' | 'watch' | 'alert';
export interface VitalFlag {
  readonly level: FlagLevel;
  readonly direction: 'low' | 'high' | null;
}

const NORMAL: VitalFlag = { level: 'normal', direction: null };

function fromScore(score: number, value: number, normalFrom: number): VitalFlag {
  if (score === 0) return NORMAL;
  return { level: score >= 3 ? 'alert' : 'watch', direction: value < normalFrom ? 'low' : 'high' };
}

function outside(value: number, low: number, high: number, alertLow: number, alertHigh: number): VitalFlag {
  if (value < alertLow) return { level: 'alert', direction: 'low' };
  if (value >= alertHigh) return { level: 'alert', direction: 'high' };
  if (value < low) return { level: 'watch', direction: 'low' };
  if (value >= high) return { level: 'watch', direction: 'high' };
  return NORMAL;
}

export function flagFor(code: string, value: number): VitalFlag {
  switch (code) {
    case Codes.respiratoryRate:
      return fromScore(respiratoryRateScore(value), value, 12);
    case Codes.spo2:
      return fromScore(spo2Scale1Score(value), value, 96);
    case Codes.heartRate:
      return fromScore(pulseScore(value), value, 51);
    case Codes.temperature:
      return fromScore(temperatureScore(value), value, 36.1);
    case Codes.systolic: {
      const news = fromScore(systolicScore(value), value, 111);
      return news.level !== 'normal' ? news : outside(value, 0, 140, 0, 180);
    }
    case Codes.diastolic:
      return outside(value, 60, 90, 40, 110);
    case Codes.bmi:
      return outside(value, 18.5, 23, 16, 27.5);
    default:
      return NORMAL;
  }
}

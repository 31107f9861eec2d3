import { describe, expect, it } from 'vitest';
import { auditActionText, auditActionWords, auditActorWords } from '../../../../electron/contract/auditText.std.js';

describe('audit trail in words', () => {
  it('every action has Thai and English words, and no code shows through', () => {
    for (const [action, text] of Object.entries(auditActionText)) {
      expect(text.th, action).toMatch(/[\u0E00-\u0E7F]/);
      expect(text.en, action).toMatch(/^[A-Z]/);
      expect(auditActionWords(action, 'th')).not.toContain(action);
    }
    expect(auditActionWords('something.else', 'en')).toBe('Other (something.else)');
  });

  it('names who acted', () => {
    expect(auditActorWords('front_desk:FD-07', 'th')).toBe('ห้องบัตร FD-07');
    expect(auditActorWords('nurse:N-1', 'en')).toBe('Nurse N-1');
    // with the station's staff accounts: the signed-in member's name beside the code
    expect(auditActorWords('nurse:N-1', 'th', (code) => (code === 'N-1' ? 'สมศรี ใจดี' : undefined))).toBe(
      'พยาบาล สมศรี ใจดี (N-1)',
    );
    expect(auditActorWords('system', 'th')).toBe('ระบบ');
    expect(auditActorWords('unidentified', 'en')).toBe('Nobody signed in');
    expect(auditActorWords('weird', 'en')).toBe('weird');
  });
});

// A value the monitor measured earlier than the rest of its message is named with its own device time.
import { describe, expect, it } from 'vitest';
import { earlierValues } from '../../../../../renderer/src/vitals/earlierValues.std.js';

describe('values measured earlier', () => {
  it('names each value whose own time is another minute than the set, with the date when another day', () => {
    const reading = {
      deviceTime: '20191206113452',
      values: [
        { code: '59408-5' },
        { code: '8480-6', deviceTime: '20191206111016' },
        { code: '8462-4', deviceTime: '20191206111016' },
        { code: '8310-5', deviceTime: '20191205234500' },
        { code: '8867-4', deviceTime: '20191206113452' },
      ],
    };
    expect(earlierValues(reading)).toEqual([
      { code: 'bp', at: '11:10' },
      { code: '8310-5', at: '5/12 23:45' },
    ]);
  });

  it('nothing to say without per-value times', () => {
    expect(earlierValues({ deviceTime: '20191206113452', values: [{ code: '8480-6' }] })).toEqual([]);
    expect(earlierValues({ values: [{ code: '8480-6' }] })).toEqual([]);
  });
});

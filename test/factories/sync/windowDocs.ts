// Arbitrary documents around a working-set window: every type a hospital database holds, dated or not.
import fc from 'fast-check';

export const instant = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
  .map((ms) => new Date(ms).toISOString());

export const windowDoc = fc
  .record({
    resourceType: fc.constantFrom('Patient', 'Device', 'Encounter', 'Observation', 'AuditEvent', 'Media', 'Other'),
    at: fc.option(instant, { nil: undefined }),
  })
  .map(({ resourceType, at }) => {
    if (resourceType === 'Encounter') return { resourceType, ...(at === undefined ? {} : { period: { start: at } }) };
    if (resourceType === 'Observation') return { resourceType, ...(at === undefined ? {} : { effectiveDateTime: at }) };
    return { resourceType, recorded: at };
  });

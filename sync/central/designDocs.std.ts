/**
 * What central provisioning installs in `clinic_<hcode>`: validate_doc_update and the views IT and the app
 * use. CouchDB runs these as JavaScript (ES5 in CouchDB 3's SpiderMonkey/QuickJS), so they are kept as
 * source text; `HCODE` is substituted per hospital. Admins (`_admin`) are not checked.
 */
export const STATION_ROLE_PREFIX = 'clinic_station_';

export function databaseName(hcode: string): string {
  return `clinic_${hcode}`;
}
export function secretsDatabaseName(hcode: string): string {
  return `clinic_${hcode}_secrets`;
}
export function stationRole(hcode: string): string {
  return `${STATION_ROLE_PREFIX}${hcode}`;
}
/** CouchDB user of a station: `st-<hcode>-<name>`; the name is also its queue prefix. */
export function stationUserName(hcode: string, station: string): string {
  return `st-${hcode}-${station}`;
}
export const STATION_NAME = /^[a-z0-9][a-z0-9-]{0,15}$/;

const validateSource = `function (newDoc, oldDoc, userCtx, secObj) {
  var HCODE = '%HCODE%';
  var TYPES = ['Patient', 'Encounter', 'Observation', 'Device', 'AuditEvent'];
  function deny(why) { throw({ forbidden: why }); }
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  if (userCtx.roles.indexOf('%ROLE%') === -1) deny('not a station of hospital ' + HCODE);
  if (newDoc._id.indexOf('_design/') === 0) deny('design documents are changed by admins only');
  if (newDoc._deleted === true) {
    if (oldDoc && oldDoc.resourceType === 'Observation' && oldDoc.status !== 'entered-in-error') deny('observations are never deleted');
    if (oldDoc && oldDoc.resourceType === 'AuditEvent') deny('audit events are never deleted');
    return;
  }
  if (typeof newDoc.resourceType !== 'string' || TYPES.indexOf(newDoc.resourceType) === -1) deny('resourceType required (one of ' + TYPES.join(', ') + ')');
  if (newDoc._id !== newDoc.resourceType + '/' + newDoc.id) deny('_id must be resourceType/id');
  if (!newDoc.meta || newDoc.meta.source !== 'urn:clinic-edge:station:' + userCtx.name) deny('author (meta.source) must be the station user ' + userCtx.name);
  var text = JSON.stringify(newDoc);
  var re = /hcode\\/5\\/(\\d{5})\\//g, m;
  while ((m = re.exec(text)) !== null) { if (m[1] !== HCODE) deny('document of another hospital (' + m[1] + ')'); }
  if (newDoc.serviceProvider && newDoc.serviceProvider.identifier && newDoc.serviceProvider.identifier.value !== HCODE) deny('encounter of another hospital');
  if (newDoc.resourceType === 'AuditEvent' && newDoc.source && newDoc.source.site && newDoc.source.site !== HCODE) deny('audit event of another hospital');
  if (oldDoc && oldDoc.resourceType !== newDoc.resourceType) deny('resourceType cannot change');
  if (newDoc.resourceType === 'AuditEvent' && oldDoc && !oldDoc._deleted) deny('audit events are never changed');
  if (newDoc.resourceType === 'Observation' && oldDoc && !oldDoc._deleted) {
    var keys = ['code', 'subject', 'encounter', 'effectiveDateTime', 'valueQuantity', 'component', 'device', 'category'];
    for (var i = 0; i < keys.length; i++) {
      if (JSON.stringify(newDoc[keys[i]]) !== JSON.stringify(oldDoc[keys[i]])) deny('observations are immutable (' + keys[i] + ' changed); write a new one and mark this entered-in-error');
    }
    if (newDoc.status !== oldDoc.status && newDoc.status !== 'entered-in-error') deny('an observation can only be marked entered-in-error');
    if (oldDoc.status === 'entered-in-error' && newDoc.status !== 'entered-in-error') deny('an observation entered in error stays so');
  }
}`;

export function clinicDesignDoc(hcode: string): { _id: string; language: string; validate_doc_update: string; views: Record<string, { map: string; reduce?: string }> } {
  return {
    _id: '_design/clinic',
    language: 'javascript',
    validate_doc_update: validateSource.replaceAll('%HCODE%', hcode).replaceAll('%ROLE%', stationRole(hcode)),
    views: {
      by_type: { map: 'function (doc) { if (doc.resourceType) { emit(doc.resourceType, null); } }', reduce: '_count' },
      encounters_by_day: { map: "function (doc) { if (doc.resourceType === 'Encounter' && doc.period && doc.period.start) { emit(doc.period.start.slice(0, 10), null); } }", reduce: '_count' },
      by_subject: { map: 'function (doc) { if (doc.subject && doc.subject.reference) { emit([doc.subject.reference, doc.resourceType, doc.effectiveDateTime || (doc.period && doc.period.start) || null], null); } }' },
      conflicts: { map: 'function (doc) { if (doc._conflicts) { emit(doc._id, doc._conflicts); } }' },
    },
  };
}

/** The secrets database: readable by the hospital's stations, written by admins only. */
export function secretsDesignDoc(): { _id: string; validate_doc_update: string } {
  return {
    _id: '_design/secrets',
    validate_doc_update: "function (newDoc, oldDoc, userCtx) { if (userCtx.roles.indexOf('_admin') === -1) { throw({ forbidden: 'secrets are written by admins only' }); } }",
  };
}

export const HOSPITAL_KEY_DOC = 'hospital-key';

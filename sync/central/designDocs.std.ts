/**
 * What central provisioning installs in `clinic_<hcode>`: validate_doc_update and the views IT and the app
 * use. CouchDB runs these as JavaScript (ES5 in CouchDB 3's SpiderMonkey/QuickJS), so they are kept as
 * source text; `HCODE` is substituted per hospital. Admins (`_admin`) are not checked.
 */
import { DEMO_TAG, stationSource } from '../model/systems.std.js';
import { CONTENT_ID_TYPES } from '../model/contentId.std.js';
import { RESOURCE_TYPES } from '../model/documents.std.js';
import { contentHashSource } from './contentHashSource.std.js';

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
/**
 * The hospital hub's role (issue 15 §1): its user passes on the records of its hospital's stations, each still
 * authored by the station that wrote it (see docs/SECURITY.md, "The hospital hub").
 */
export function relayRole(hcode: string): string {
  return `clinic_relay_${hcode}`;
}
/** The hub's CouchDB user, on central and on the hub: never a station (no `st-` name, no queue prefix). */
export function relayUserName(hcode: string): string {
  return `hub-${hcode}`;
}
/** Who may use a hospital's database: its stations and its hub's relay (central and the hub alike). */
export function clinicSecurity(hcode: string): {
  admins: { names: string[]; roles: string[] };
  members: { names: string[]; roles: string[] };
} {
  return { admins: { names: [], roles: [] }, members: { names: [], roles: [stationRole(hcode), relayRole(hcode)] } };
}
/** CouchDB user of a station: `st-<hcode>-<name>`; the name is also its queue prefix. */
export function stationUserName(hcode: string, station: string): string {
  return `st-${hcode}-${station}`;
}
export const STATION_NAME = /^[a-z0-9][a-z0-9-]{0,15}$/;

/** The tag central refuses (sync/model's DEMO_TAG): records written by a demo station never reach a hospital's records. */
export { DEMO_TAG };
/** Never deleted by a station: central cannot tell a losing conflict revision from the winner (see ARCHITECTURE.md). */
export const KEPT_TYPES = ['Patient', 'Encounter', 'Observation', 'AuditEvent', 'Media'] as const;
export const KEPT_DELETION_REFUSAL = 'records are never deleted by a station';

const validateSource = `function (newDoc, oldDoc, userCtx, secObj) {
  var HCODE = '%HCODE%';
  var TYPES = ${JSON.stringify(RESOURCE_TYPES)};
  var KEPT = ${JSON.stringify(KEPT_TYPES)};
  var CONTENT_ID = ${JSON.stringify(CONTENT_ID_TYPES)};
  var TOMBSTONE_KEYS = ['_id', '_rev', '_revisions', '_deleted', 'resourceType'];
  function deny(why) { throw({ forbidden: why }); }
  ${contentHashSource}
  function checkHospital(doc) {
    var text = JSON.stringify(doc);
    var re = /hcode\\/5\\/(\\d{5})\\//g, m;
    while ((m = re.exec(text)) !== null) { if (m[1] !== HCODE) deny('document of another hospital (' + m[1] + ')'); }
    if (doc.serviceProvider && doc.serviceProvider.identifier && doc.serviceProvider.identifier.value !== HCODE) deny('encounter of another hospital');
    if (doc.resourceType === 'AuditEvent' && doc.source && doc.source.site && doc.source.site !== HCODE) deny('audit event of another hospital');
  }
  /** The revision's generation: 0 for an interactive create, N for a replicated N-xxx. */
  function generation(doc) {
    if (doc._revisions && typeof doc._revisions.start === 'number') return doc._revisions.start;
    return doc._rev ? parseInt(doc._rev, 10) : 0;
  }
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  // The hub's relay passes on what the hospital's stations wrote, authored by them; it writes nothing of its own.
  var relay = userCtx.roles.indexOf('%RELAY_ROLE%') !== -1 && userCtx.roles.indexOf('%ROLE%') === -1;
  if (!relay && userCtx.roles.indexOf('%ROLE%') === -1) deny('not a station of hospital ' + HCODE);
  if (newDoc._id.indexOf('_design/') === 0) deny('design documents are changed by admins only');
  if (typeof newDoc.resourceType !== 'string' || TYPES.indexOf(newDoc.resourceType) === -1) deny('resourceType required (one of ' + TYPES.join(', ') + ')');
  var live = oldDoc && !oldDoc._deleted;
  if (live) {
    if (oldDoc.resourceType !== newDoc.resourceType) deny('resourceType cannot change');
    checkHospital(oldDoc);
  }
  if (newDoc._deleted === true) {
    for (var key in newDoc) { if (TOMBSTONE_KEYS.indexOf(key) === -1) deny('a deletion carries its resourceType and nothing else (' + key + ')'); }
    if (newDoc._id.indexOf(newDoc.resourceType + '/') !== 0 || newDoc._id.length === newDoc.resourceType.length + 1) deny('_id must be resourceType/id');
    if (KEPT.indexOf(newDoc.resourceType) !== -1) deny(newDoc.resourceType + ' ${KEPT_DELETION_REFUSAL}: a conflict is settled by a newer merged revision');
    return;
  }
  if (newDoc._id !== newDoc.resourceType + '/' + newDoc.id) deny('_id must be resourceType/id');
  var author = newDoc.meta && newDoc.meta.source;
  if (relay) {
    if (typeof author !== 'string' || !/^${stationSource('st-%HCODE%-')}${STATION_NAME.source.slice(1)}/.test(author)) deny('a relay passes on records authored by a station of hospital ' + HCODE + ' only');
  } else if (author !== '${stationSource('')}' + userCtx.name) deny('author (meta.source) must be the station user ' + userCtx.name);
  var tags = (newDoc.meta && newDoc.meta.tag) || [];
  for (var t = 0; t < tags.length; t++) { if (tags[t] && tags[t].system === '${DEMO_TAG.system}' && tags[t].code === '${DEMO_TAG.code}') deny('demo records never reach a hospital (meta.tag demo)'); }
  checkHospital(newDoc);
  if (CONTENT_ID.indexOf(newDoc.resourceType) !== -1) {
    if (oldDoc && oldDoc._deleted) deny('a deleted ' + newDoc.resourceType + ' cannot come back');
    var sealed = /-([0-9a-f]{40})$/.exec(String(newDoc.id));
    if (!sealed || sealed[1] !== contentHash(newDoc)) deny(newDoc.resourceType + ' records are immutable: the body does not match the content hash in its id; write a new one and mark this entered-in-error');
  }
  if (newDoc.resourceType === 'AuditEvent' && live) deny('audit events are never changed');
  if (newDoc.resourceType === 'Media' && live) deny('a photo is never changed: a new photo is a new Media');
  if (newDoc.resourceType === 'Observation' && newDoc.status !== 'entered-in-error') {
    if (live) deny('an observation can only be marked entered-in-error');
    if (generation(newDoc) > 1) deny('only entered-in-error may follow the first revision of an observation');
  }
}`;

export function clinicDesignDoc(hcode: string): {
  _id: string;
  language: string;
  validate_doc_update: string;
  views: Record<string, { map: string; reduce?: string }>;
} {
  return {
    _id: '_design/clinic',
    language: 'javascript',
    validate_doc_update: validateSource
      .replaceAll('%HCODE%', hcode)
      .replaceAll('%RELAY_ROLE%', relayRole(hcode))
      .replaceAll('%ROLE%', stationRole(hcode)),
    views: {
      by_type: { map: 'function (doc) { if (doc.resourceType) { emit(doc.resourceType, null); } }', reduce: '_count' },
      encounters_by_day: {
        map: "function (doc) { if (doc.resourceType === 'Encounter' && doc.period && doc.period.start) { emit(doc.period.start.slice(0, 10), null); } }",
        reduce: '_count',
      },
      by_subject: {
        map: 'function (doc) { if (doc.subject && doc.subject.reference) { emit([doc.subject.reference, doc.resourceType, doc.effectiveDateTime || (doc.period && doc.period.start) || null], null); } }',
      },
      // Unsettled conflicts only: settled ones keep their losing revisions a generation below the winner.
      conflicts: {
        map: 'function (doc) { var g = parseInt(doc._rev, 10), open = []; for (var i = 0; doc._conflicts && i < doc._conflicts.length; i++) { if (parseInt(doc._conflicts[i], 10) >= g) open.push(doc._conflicts[i]); } if (open.length > 0) { emit(doc._id, open); } }',
      },
    },
  };
}

/** A database only admins write: `_design/<name>` refuses everyone else, saying what the database holds. */
export function adminWritesDesignDoc(name: string, what: string): { _id: string; validate_doc_update: string } {
  return {
    _id: `_design/${name}`,
    validate_doc_update: `function (newDoc, oldDoc, userCtx) { if (userCtx.roles.indexOf('_admin') === -1) { throw({ forbidden: '${what} are written by admins only' }); } }`,
  };
}

/** The secrets database: readable by the hospital's stations, written by admins only. */
export function secretsDesignDoc(): { _id: string; validate_doc_update: string } {
  return adminWritesDesignDoc('secrets', 'secrets');
}

/**
 * Central's copy of a hospital's station users (`_users` documents with their password hashes and revisions),
 * which its hub follows into the hub's `_users` (stationUsersFollow.node.ts). Read by the hub's relay only:
 * not by stations (another station's password hash is none of theirs), written by admins only.
 */
export function stationUsersDatabaseName(hcode: string): string {
  return `clinic_${hcode}_stations`;
}
export function stationUsersSecurity(hcode: string): {
  admins: { names: string[]; roles: string[] };
  members: { names: string[]; roles: string[] };
} {
  return { admins: { names: [], roles: [] }, members: { names: [], roles: [relayRole(hcode)] } };
}
/** The `_users` id prefix of a hospital's station users. */
export function stationUserIdPrefix(hcode: string): string {
  return `org.couchdb.user:${stationUserName(hcode, '')}`;
}

export const HOSPITAL_KEY_DOC = 'hospital-key';

import type { CollectionJsonSchema, JsonSchemaField, JsonSchemaType } from '../../shared/domain/jsonSchema';
import { SYNCED_SCHEMAS } from '../../shared/sync/collectionSchemas';
import { APPEND_ONLY_COLLECTIONS, stampField, type SyncedCollection } from '../../shared/sync/collections';

/*
 * The server's write rules for each synced collection, derived from the JSON schema the
 * collection's RxDB store is opened with (src/shared/sync/collectionSchemas.ts), so that the
 * server refuses exactly what the app would never write and the two cannot drift apart.
 */

export const APPEND_ONLY_MESSAGES: Partial<Record<SyncedCollection, string>> = {
  ledger: 'Ledger entries are append-only: record a void or refund instead',
  audit: 'The audit log is append-only',
  drawers: 'Cash drawer records are append-only: close or reopen with a new record',
};

/**
 * List fields whose items, once stored, stay in every later version (a visit's steps: a visit only
 * moves forward, and who moved it when is kept); such records are never deleted either.
 */
export const KEPT_ITEMS: Partial<Record<SyncedCollection, { fields: string[]; message: string }>> = {
  visits: { fields: ['timeline'], message: "A visit's steps are kept: it only moves forward, and it is never deleted" },
};

/** What the server checks of one field: JSON Schema's own keywords, with `type` always a list. */
export type FieldRules = {
  type?: JsonSchemaType[];
  enum?: (string | number | boolean | null)[];
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  items?: FieldRules;
  properties?: Record<string, FieldRules>;
  required?: string[];
  additionalProperties?: boolean;
};

export type ValidateRules = {
  /** The collection's name, which starts every refusal: `patients record <id>: …`. */
  collection: SyncedCollection;
  /** The field RxDB keeps the record's id in (sent to CouchDB as `_id`), and what it is composed of. */
  primaryKey: { key: string; fields: string[] | null; separator: string };
  /** The whole record's rules, from the collection's JSON schema. */
  record: FieldRules;
  /** Fields that must not be empty strings (the schemas allow them; the app never writes them so). */
  nonEmpty: string[];
  /** Fields that must be UTC ISO instants. */
  instants: string[];
  /** When set, existing documents may never change or be deleted; the string is the refusal. */
  appendOnlyMessage: string | null;
  /** List fields whose stored items every later version keeps; such documents are not deleted. */
  keptItems: string[];
  /** The refusal of a version that drops a kept item, or of a deletion. */
  keptMessage: string;
};

/** Keywords of a field that the validator checks. */
const CHECKED = new Set<string>([
  'type', 'enum', 'maxLength', 'minLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minItems', 'maxItems', 'items', 'properties', 'required', 'additionalProperties',
]);
/** Keywords that say nothing about which values are allowed. */
const ANNOTATIONS = new Set<string>(['title', 'description', 'default']);
/** Top-level keywords of an RxDB schema that are about storage, not about the values. */
const STORAGE = new Set<string>(['title', 'description', 'version', 'primaryKey', 'type', 'indexes', 'encrypted', 'keyCompression']);

/**
 * A field's rules for the server. A keyword the validator does not check would silently let
 * through what RxDB's schema means to refuse, so it stops setup instead.
 */
export function fieldRules(field: JsonSchemaField, path: string): FieldRules {
  const rules: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(field) as [string, unknown][]) {
    if (ANNOTATIONS.has(keyword)) continue;
    if (!CHECKED.has(keyword)) throw new Error(`The server's rules cannot check "${keyword}" (${path}): teach src/main/sync/validateDocUpdate.ts`);
    if (keyword === 'type') rules.type = Array.isArray(value) ? [...(value as JsonSchemaType[])] : [value];
    else if (keyword === 'items') {
      if (Array.isArray(value)) throw new Error(`The server's rules cannot check a list of item schemas (${path})`);
      rules.items = fieldRules(value as JsonSchemaField, `${path}[]`);
    } else if (keyword === 'properties') {
      rules.properties = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchemaField>).map(([name, sub]) => [name, fieldRules(sub, `${path}.${name}`)]),
      );
    } else rules[keyword] = Array.isArray(value) ? [...(value as unknown[])] : value;
  }
  return rules as FieldRules;
}

/** The rules of a whole record of a collection, from its JSON schema. */
export function recordRules(schema: CollectionJsonSchema): Pick<ValidateRules, 'primaryKey' | 'record'> {
  const { primaryKey, properties, required, additionalProperties, ...rest } = schema;
  for (const keyword of Object.keys(rest)) {
    if (!STORAGE.has(keyword)) throw new Error(`The server's rules cannot check "${keyword}" (${schema.title}): teach src/main/sync/validateDocUpdate.ts`);
  }
  const key = typeof primaryKey === 'string' ? primaryKey : primaryKey.key;
  if (!properties[key] || !required.includes(key)) throw new Error(`${schema.title}: the primary key ${key} must be a required property`);
  return {
    primaryKey:
      typeof primaryKey === 'string'
        ? { key: primaryKey, fields: null, separator: '' }
        : { key: primaryKey.key, fields: [...primaryKey.fields], separator: primaryKey.separator },
    record: fieldRules({ type: 'object', properties, required, additionalProperties }, schema.title),
  };
}

/** Whether a collection's documents may never change once written. */
export function isAppendOnly(collection: SyncedCollection): boolean {
  return APPEND_ONLY_COLLECTIONS.includes(collection);
}

/**
 * The write rules of one collection: every field as its JSON schema says; every record names its
 * site and carries `updatedAt` (mutable records) or `createdAt` (append-only records, which are
 * never updated) as a UTC instant; append-only records are never changed or deleted.
 */
export function rulesFor(collection: SyncedCollection, schema: CollectionJsonSchema = SYNCED_SCHEMAS[collection]): ValidateRules {
  const appendOnly = isAppendOnly(collection);
  const stamp = stampField(collection);
  for (const field of ['siteId', stamp]) {
    if (!schema.required.includes(field)) throw new Error(`${collection}: every synced record needs ${field}, and its schema does not require it`);
  }
  return {
    collection,
    ...recordRules(schema),
    nonEmpty: ['siteId'],
    instants: [stamp],
    appendOnlyMessage: appendOnly
      ? (APPEND_ONLY_MESSAGES[collection] ?? `${collection} entries are append-only: record a new entry instead`)
      : null,
    keptItems: [...(KEPT_ITEMS[collection]?.fields ?? [])],
    keptMessage: KEPT_ITEMS[collection]?.message ?? '',
  };
}

/** JSON as an ES5 expression: ES5 string literals may not hold the line and paragraph separators. */
function es5Json(value: unknown): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/*
 * The validator's code. It is plain ES5 because CouchDB runs it in its own JavaScript engine,
 * where newer syntax may not exist, and it is text (not a compiled function's toString) so that
 * every build installs the same function and setup stays idempotent.
 */
const VALIDATOR = String.raw`function (newDoc, oldDoc, userCtx, secObj) {
  var rules = RULES;
  var couchFields = { _id: true, _rev: true, _deleted: true, _attachments: true, _revisions: true, _conflicts: true };
  var instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
  var typeWords = { string: 'text', number: 'a number', integer: 'a whole number', 'boolean': 'true or false', array: 'a list', object: 'an object', 'null': 'null' };
  var roles = (userCtx && userCtx.roles) || [];
  var isAdmin = roles.indexOf('_admin') !== -1;
  var id = newDoc._id;
  var record = {};
  var key, i, parts, composed;

  function has(object, name) {
    return Object.prototype.hasOwnProperty.call(object, name);
  }
  function refuse(message) {
    throw({ forbidden: rules.collection + ' record ' + id + ': ' + message });
  }
  function quote(value) {
    return typeof value === 'string' ? '"' + value + '"' : String(value);
  }
  function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }
  function isType(value, type) {
    if (type === 'null') { return value === null; }
    if (type === 'array') { return Array.isArray(value); }
    if (type === 'object') { return isObject(value); }
    if (type === 'integer') { return typeof value === 'number' && isFinite(value) && Math.floor(value) === value; }
    if (type === 'number') { return typeof value === 'number' && isFinite(value); }
    return typeof value === type;
  }
  function isAnyType(value, types) {
    for (var n = 0; n < types.length; n++) {
      if (isType(value, types[n])) { return true; }
    }
    return false;
  }
  // JSON Schema counts characters, not UTF-16 units: a surrogate pair is one character.
  function characters(text) {
    return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length;
  }
  function fieldPath(path, name) {
    return path === '' ? name : path + '.' + name;
  }
  function list(values, word) {
    var words = [];
    for (var n = 0; n < values.length; n++) { words.push(word(values[n])); }
    return words.join(' or ');
  }

  function check(value, rule, path) {
    var n, ratio;
    if (rule.type && !isAnyType(value, rule.type)) {
      refuse(path + ' must be ' + list(rule.type, function (type) { return typeWords[type]; }));
    }
    if (rule['enum'] && rule['enum'].indexOf(value) === -1) {
      refuse(path + ' must be ' + list(rule['enum'], quote));
    }
    if (typeof value === 'string') {
      n = characters(value);
      if (rule.maxLength !== undefined && n > rule.maxLength) { refuse(path + ' must be at most ' + rule.maxLength + ' characters long'); }
      if (rule.minLength !== undefined && n < rule.minLength) { refuse(path + ' must be at least ' + rule.minLength + ' characters long'); }
      if (rule.pattern !== undefined && !new RegExp(rule.pattern).test(value)) { refuse(path + ' must match ' + rule.pattern); }
    }
    if (typeof value === 'number') {
      if (rule.minimum !== undefined && value < rule.minimum) { refuse(path + ' must be at least ' + rule.minimum); }
      if (rule.maximum !== undefined && value > rule.maximum) { refuse(path + ' must be at most ' + rule.maximum); }
      if (rule.exclusiveMinimum !== undefined && value <= rule.exclusiveMinimum) { refuse(path + ' must be more than ' + rule.exclusiveMinimum); }
      if (rule.exclusiveMaximum !== undefined && value >= rule.exclusiveMaximum) { refuse(path + ' must be less than ' + rule.exclusiveMaximum); }
      if (rule.multipleOf !== undefined) {
        ratio = value / rule.multipleOf;
        if (Math.abs(ratio - Math.round(ratio)) > 1e-9) { refuse(path + ' must be a multiple of ' + rule.multipleOf); }
      }
    }
    if (Array.isArray(value)) {
      if (rule.maxItems !== undefined && value.length > rule.maxItems) { refuse(path + ' must have at most ' + rule.maxItems + ' items'); }
      if (rule.minItems !== undefined && value.length < rule.minItems) { refuse(path + ' must have at least ' + rule.minItems + ' items'); }
      if (rule.items) {
        for (n = 0; n < value.length; n++) { check(value[n], rule.items, path + '[' + n + ']'); }
      }
    }
    if (isObject(value)) { checkFields(value, rule, path); }
  }

  function checkFields(value, rule, path) {
    var n, name;
    if (rule.required) {
      for (n = 0; n < rule.required.length; n++) {
        name = rule.required[n];
        if (!has(value, name) || value[name] === undefined) { refuse(fieldPath(path, name) + ' is missing'); }
      }
    }
    for (name in value) {
      if (!has(value, name)) { continue; }
      if (rule.properties && has(rule.properties, name)) {
        check(value[name], rule.properties[name], fieldPath(path, name));
      } else if (rule.additionalProperties === false) {
        refuse(fieldPath(path, name) + ' is not a field of ' + (path === '' ? rules.collection + ' records' : path));
      }
    }
  }

  if (typeof id === 'string' && id.indexOf('_design/') === 0) {
    if (!isAdmin) { throw({ forbidden: 'Only administrators may change design documents' }); }
    return;
  }
  if (rules.appendOnlyMessage !== null && (oldDoc || newDoc._deleted)) {
    throw({ forbidden: rules.appendOnlyMessage });
  }
  if (rules.keptItems.length > 0 && newDoc._deleted) {
    throw({ forbidden: rules.collection + ' record ' + id + ': ' + rules.keptMessage });
  }
  // A deletion of a mutable record carries no fields (a plain DELETE leaves a bare tombstone).
  if (newDoc._deleted) { return; }

  // CouchDB's own fields are not part of the record; CouchDB refuses other '_' fields itself.
  for (key in newDoc) {
    if (!has(newDoc, key)) { continue; }
    if (key.charAt(0) === '_') {
      if (!has(couchFields, key)) { refuse(key + ' is not a field of ' + rules.collection + ' records'); }
    } else {
      record[key] = newDoc[key];
    }
  }
  // RxDB sends the record's id as _id and leaves its own id field out.
  check(id, rules.record.properties[rules.primaryKey.key], '_id');
  if (has(record, rules.primaryKey.key) && record[rules.primaryKey.key] !== id) {
    refuse(rules.primaryKey.key + ' must be the same as _id');
  }
  record[rules.primaryKey.key] = id;
  checkFields(record, rules.record, '');
  if (rules.primaryKey.fields) {
    parts = [];
    for (i = 0; i < rules.primaryKey.fields.length; i++) { parts.push(record[rules.primaryKey.fields[i]]); }
    composed = parts.join(rules.primaryKey.separator);
    if (id !== composed) {
      refuse('_id must be ' + rules.primaryKey.fields.join(' + ' + quote(rules.primaryKey.separator) + ' + ') + ', here ' + quote(composed));
    }
  }
  for (i = 0; i < rules.nonEmpty.length; i++) {
    if (record[rules.nonEmpty[i]] === '') { refuse(rules.nonEmpty[i] + ' must not be empty'); }
  }
  for (i = 0; i < rules.instants.length; i++) {
    if (!instantPattern.test(record[rules.instants[i]])) {
      refuse(rules.instants[i] + ' must be a UTC date and time such as 2026-01-31T14:30:00.000Z');
    }
  }
  // Only a version made on the stored one replaces it: one made on an older version is a conflict,
  // which the storage refuses by itself and the workstation then merges. The version it was made on
  // is its _rev as sent, or, where the new revision is already named, the parent in _revisions.
  function madeOnStored() {
    var revisions = newDoc._revisions;
    if (newDoc._rev === oldDoc._rev) { return true; }
    return !!(revisions && revisions.ids && revisions.ids.length > 1 && (revisions.start - 1) + '-' + revisions.ids[1] === oldDoc._rev);
  }
  if (oldDoc && !oldDoc._deleted && madeOnStored()) {
    for (i = 0; i < rules.keptItems.length; i++) { keepsItems(rules.keptItems[i]); }
  }

  // The same item whatever the order of its fields.
  function canonical(value) {
    var names, n, parts;
    if (Array.isArray(value)) {
      parts = [];
      for (n = 0; n < value.length; n++) { parts.push(canonical(value[n])); }
      return '[' + parts.join(',') + ']';
    }
    if (isObject(value)) {
      names = [];
      for (var name in value) { if (has(value, name)) { names.push(name); } }
      names.sort();
      parts = [];
      for (n = 0; n < names.length; n++) { parts.push(JSON.stringify(names[n]) + ':' + canonical(value[names[n]])); }
      return '{' + parts.join(',') + '}';
    }
    return JSON.stringify(value);
  }
  function keepsItems(field) {
    var before = Array.isArray(oldDoc[field]) ? oldDoc[field] : [];
    var after = Array.isArray(record[field]) ? record[field] : [];
    var present = {};
    var n;
    for (n = 0; n < after.length; n++) { present[canonical(after[n])] = true; }
    for (n = 0; n < before.length; n++) {
      if (!has(present, canonical(before[n]))) { refuse(field + ' lost an item it had (' + rules.keptMessage + ')'); }
    }
  }
}`;

/**
 * The source of a `validate_doc_update` function for one collection: the validator above with the
 * collection's rules embedded as JSON, so that no rule text can break out of its place.
 */
export function validateDocUpdateSource(rules: ValidateRules): string {
  return VALIDATOR.replace('RULES', () => es5Json(rules));
}

/*
 * The JSON schemas of the synced collections live in src/shared so that one object serves both
 * processes: the renderer opens its RxDB collection with it, and main derives the CouchDB server's
 * validation rules from it (src/main/sync/validateDocUpdate.ts). These types describe the part of
 * JSON Schema those schemas use, without depending on RxDB.
 */

export type JsonSchemaType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';

/** One field of a stored record, as far as its JSON schema describes it. */
export interface JsonSchemaField {
  readonly type?: JsonSchemaType | readonly JsonSchemaType[];
  readonly enum?: readonly (string | number | boolean | null)[];
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly items?: JsonSchemaField;
  readonly properties?: Readonly<Record<string, JsonSchemaField>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
}

/** A synced collection's schema: what RxDB opens the collection with and the server checks. */
export interface CollectionJsonSchema {
  readonly title: string;
  readonly version: number;
  readonly primaryKey: string | { readonly key: string; readonly fields: readonly string[]; readonly separator: string };
  readonly type: 'object';
  readonly properties: Readonly<Record<string, JsonSchemaField>>;
  readonly required: readonly string[];
  readonly indexes?: readonly (string | readonly string[])[];
  readonly encrypted?: readonly string[];
  readonly additionalProperties: false;
}

/** A string property bounded as RxDB requires for indexed fields and as the domain allows. */
export const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;

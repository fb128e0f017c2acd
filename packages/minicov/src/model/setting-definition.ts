// The one shape every setting and step option is defined in: Cargo.toml key, option name, type, description, default.

/** The JSON-schema subset executor options are described in (what schema.json files hold). */
export interface JsonSchema {
  type: 'string' | 'number' | 'boolean' | 'array' | 'object';
  enum?: readonly string[];
  items?: JsonSchema;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: JsonSchema | boolean;
}

/** A JSON value: what a default can be. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * Whether an option is there when a step runs: `required` (Nx refuses the task without it), `filled` (createNodes
 * always writes it, defaults included, so the options type has it) or `optional` (it may be absent).
 */
export type Presence = 'required' | 'filled' | 'optional';

/** One setting or option; its name is its key in the table that holds it (the option name). */
export interface SettingDefinition {
  /** Its key in Cargo.toml (kebab-case, as Cargo manifests write keys); absent for options only the plugin sets. */
  toml?: string;
  /** The value's JSON type, as executor options carry it. */
  schema: JsonSchema;
  /** What it does: the schema.json description, and the schema.d.ts comment. */
  description: string;
  /** The value when it is not set; absent when there is none, or when it depends on other settings. */
  default?: JsonValue;
  presence: Presence;
}

/** Definitions keyed by option name, one for each property of the options type `T`, no more and no fewer. */
export type SettingTable<T> = { readonly [K in keyof T]-?: SettingDefinition };

/** The Cargo.toml keys of `table`, in its order. */
export function tomlKeys(table: Readonly<Record<string, SettingDefinition>>): string[] {
  return Object.values(table).flatMap((setting) => (setting.toml ? [setting.toml] : []));
}

/** The option name of each Cargo.toml key of `table`. */
export function optionsByTomlKey(
  table: Readonly<Record<string, SettingDefinition>>,
): Map<string, string> {
  return new Map(
    Object.entries(table).flatMap(([option, setting]) =>
      setting.toml ? [[setting.toml, option] as const] : [],
    ),
  );
}

// The `answerlint` settings VS Code holds, as the server reads them from
// workspace/configuration. Client-only keys (server, trace) stay in the client, and values
// of the wrong type are dropped here so the server sees only what the user set on purpose.

export interface ServerSettings {
  target?: "basic" | "professional" | "expert";
  wordsPerMinute?: number;
  disabledRules?: string[];
  severity?: Record<string, string>;
  rulePaths?: string[];
}

const TARGETS = new Set(["basic", "professional", "expert"]);
const SEVERITIES = new Set(["error", "warning", "info", "hint", "off"]);

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : undefined;
}

export function toServerSettings(section: Record<string, unknown> | undefined | null): ServerSettings {
  const out: ServerSettings = {};
  if (!section) {
    return out;
  }
  const target = section["target"];
  if (typeof target === "string" && TARGETS.has(target)) {
    out.target = target as ServerSettings["target"];
  }
  const pace = section["wordsPerMinute"];
  if (typeof pace === "number" && Number.isFinite(pace)) {
    out.wordsPerMinute = pace;
  }
  const disabled = strings(section["disabledRules"]);
  if (disabled) {
    out.disabledRules = disabled;
  }
  const severity = section["severity"];
  if (severity && typeof severity === "object" && !Array.isArray(severity)) {
    const kept: Record<string, string> = {};
    for (const [rule, level] of Object.entries(severity as Record<string, unknown>)) {
      if (typeof level === "string" && SEVERITIES.has(level)) {
        kept[rule] = level;
      }
    }
    out.severity = kept;
  }
  const rulePaths = strings(section["rulePaths"]);
  if (rulePaths) {
    out.rulePaths = rulePaths;
  }
  return out;
}

// The status bar text for the answer under the cursor, from the data the server attaches
// to each answer's code lens.

export interface AnswerSummary {
  line: number; // the answer's first line (0-based)
  answer: number; // the answer's index in the document, for the server's showSummary
  level: number;
  levelName: string;
  spoken: string; // m:ss
  title: string; // the lens title, shown as the tooltip
}

/** A summary from one raw LSP code lens; undefined for lenses that are not answerlint's. */
export function fromLens(lens: unknown): AnswerSummary | undefined {
  const raw = lens as {
    range?: { start?: { line?: unknown } };
    command?: { title?: unknown };
    data?: { answer?: unknown; level?: unknown; levelName?: unknown; spoken?: unknown };
  };
  const line = raw?.range?.start?.line;
  const data = raw?.data;
  if (typeof line !== "number" || !data) {
    return undefined;
  }
  const { answer, level, levelName, spoken } = data;
  if (typeof answer !== "number" || typeof level !== "number" || typeof levelName !== "string"
      || typeof spoken !== "string") {
    return undefined;
  }
  const title = typeof raw.command?.title === "string" ? raw.command.title : "";
  return { line, answer, level, levelName, spoken, title };
}

/** The answer the cursor is in: the last one starting at or above the cursor's line. */
export function summaryAt(summaries: AnswerSummary[], cursorLine: number): AnswerSummary | undefined {
  let found: AnswerSummary | undefined;
  for (const summary of [...summaries].sort((a, b) => a.line - b.line)) {
    if (summary.line <= cursorLine) {
      found = summary;
    }
  }
  return found;
}

export function statusText(summary: AnswerSummary): string {
  return `$(mortar-board) ${summary.levelName} · ${summary.spoken}`;
}

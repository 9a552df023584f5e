// A small Dockerfile reader for the deployment tests (no Docker engine here): instructions per stage,
// continuation lines joined, comments dropped, exec-form (JSON array) arguments parsed.
export interface Instruction {
  keyword: string;
  args: string;
  /** The JSON array of an exec-form RUN / CMD / ENTRYPOINT, else undefined. */
  exec?: string[];
}

export interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const lines = text.replace(/\\\n/g, " ").split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("#"));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword, args] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    if (!keyword) throw new Error(`Dockerfile: cannot read "${line}"`);
    const upper = keyword.toUpperCase();
    if (upper === "FROM") {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ from, name, instructions: [] });
      continue;
    }
    if (stages.length === 0) throw new Error(`Dockerfile: ${upper} before FROM`);
    const exec = args.startsWith("[") ? (JSON.parse(args) as string[]) : undefined;
    stages.at(-1)!.instructions.push({ keyword: upper, args, exec });
  }
  return stages;
}

// Errors the engine reports to the user as they are, without a stack trace.

/** Bad flags or settings, a missing lake, an unknown action: nothing was run (exit code 2). */
export class InputError extends Error {
  readonly exitCode = 2;
}

/** `dataform compile` failed or reported graph errors: nothing was run. */
export class CompileError extends Error {
  readonly exitCode = 1;
}

/** A problem in an input file that stops it from being read as what it should be. */
export interface InputError {
  /** Stable code, e.g. INVALID_JSON, NOT_A_POLICY, INVALID_POLICY, FILE_TOO_LARGE. */
  code: string;
  file: string;
  pointer: string;
  line: number;
  column: number;
  message: string;
}

/** One line, where then what: `policy.json:4:15 /Statement/0/Effect: expected ...`. */
export function formatInputError(e: InputError): string {
  const pos = e.line > 0 ? `${e.file}:${e.line}:${e.column}` : e.file;
  return `${pos}${e.pointer ? ` ${e.pointer}` : ''}: ${e.message}`;
}

/** A failed AWS API call; never carries credentials. */
export interface AwsCallError {
  service: string;
  operation: string;
  awsCode: string;
  message: string;
  retryable: boolean;
}

/** One line for stderr: `aws SERVICE:Operation: Code: message` (the message names where). */
export function formatAwsCallError(e: AwsCallError): string {
  return `aws ${e.service}:${e.operation}: ${e.awsCode}: ${e.message}`;
}

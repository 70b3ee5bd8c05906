// What a reporter needs besides the scan result. Everything environmental (colour, clock, the
// target's absolute location) is decided by the caller and passed in, so reporters stay pure.

export interface ReportMeta {
  /** leakhound's own version, written into JSON and SARIF. */
  toolVersion: string;
  /** Colour the text report. The CLI decides (NO_COLOR, TTY); absent means no colour. */
  color?: boolean;
  /** End time of the scan, for SARIF's invocation times. Absent: no times are written. */
  now?: Date;
  /** The scanned directory as a `file://` URI, for SARIF's `%SRCROOT%`. Absent: not written. */
  targetUri?: string;
}

export const TOOL_NAME = 'leakhound';
export const TOOL_URI = 'https://github.com/leakhound/leakhound';

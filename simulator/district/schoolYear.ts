// The district calendar of a school year (all schools share it): school year Y runs from August of
// Y-1 to June of Y, with US holidays, a weather closure and a make-up day, split into a Fall and a
// Spring semester of two nine-week grading periods each.
import type { Code } from "./descriptors.js";

const DAY_MS = 86_400_000;
const [SUNDAY, MONDAY, THURSDAY, FRIDAY, SATURDAY] = [0, 1, 4, 5, 6];
/** Attendance days per year, the last being a make-up day for the weather closure. */
const ATTENDANCE_DAYS = 180;

/** Days since 1970-01-01 (month 1-based; day 0 = last day of the previous month). */
const dayNumber = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / DAY_MS;
const weekday = (day: number) => (day + 4) % 7; // 1970-01-01 was a Thursday
const onOrAfter = (day: number, wd: number) => day + ((wd - weekday(day) + 7) % 7);
const onOrBefore = (day: number, wd: number) => day - ((weekday(day) - wd + 7) % 7);
/** The n-th given weekday of a month, or the last one for n = -1. */
const nthWeekday = (year: number, month: number, wd: number, n: number) =>
  n > 0 ? onOrAfter(dayNumber(year, month, 1), wd) + 7 * (n - 1) : onOrBefore(dayNumber(year, month + 1, 0), wd);

export const isoDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** A YYYY-MM-DD date moved by a number of days. */
export const addDays = (date: string, days: number) => isoDate(Date.parse(date) / DAY_MS + days);

/** A span of attendance days [first, end) of the year. */
export interface Span {
  first: number;
  end: number;
}

export interface SessionPlan extends Span {
  name: string;
  term: Code<"Term">;
}

export interface GradingPeriodPlan extends Span {
  descriptor: Code<"GradingPeriod">;
  sequence: number;
  session: number;
}

export interface SchoolYearPlan {
  year: number;
  /** "2024-2025" */
  description: string;
  /** Every weekday from the teacher day before the first day of school to the last day. */
  calendar: { date: string; event: Code<"CalendarEvent"> }[];
  /** Attendance days (instructional and make-up days), in date order. */
  days: string[];
  sessions: SessionPlan[];
  gradingPeriods: GradingPeriodPlan[];
  /** Steps coprime with days.length: k ↦ (offset + k·step) mod days.length picks distinct days. */
  steps: number[];
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

export function planSchoolYear(year: number): SchoolYearPlan {
  const fall = year - 1;
  const firstDay = onOrAfter(dayNumber(fall, 8, 18), MONDAY);
  const fallEnd = onOrBefore(dayNumber(fall, 12, 20), FRIDAY);
  const springStart = onOrAfter(dayNumber(year, 1, 6), MONDAY);
  const thanksgiving = nthWeekday(fall, 11, THURSDAY, 4);
  const presidentsDay = nthWeekday(year, 2, MONDAY, 3);
  const springBreak = nthWeekday(year, 3, MONDAY, 2);
  const closures = new Map<number, Code<"CalendarEvent">>([
    [nthWeekday(fall, 9, MONDAY, 1), "Holiday"],
    [thanksgiving - 1, "Holiday"],
    [thanksgiving, "Holiday"],
    [thanksgiving + 1, "Holiday"],
    [nthWeekday(year, 1, MONDAY, 3), "Holiday"],
    [presidentsDay, "Holiday"],
    [presidentsDay + 1, "Weather day"],
    ...[0, 1, 2, 3, 4].map((d): [number, Code<"CalendarEvent">] => [springBreak + d, "Holiday"]),
    [nthWeekday(year, 5, MONDAY, -1), "Holiday"],
  ]);

  const calendar: SchoolYearPlan["calendar"] = [{ date: isoDate(firstDay - 3), event: "Teacher only day" }];
  const days: string[] = [];
  let fallDays = 0;
  for (let day = firstDay; days.length < ATTENDANCE_DAYS; day++) {
    if (weekday(day) === SATURDAY || weekday(day) === SUNDAY) continue;
    const winterBreak = day > fallEnd && day < springStart;
    const event =
      (winterBreak ? "Holiday" : closures.get(day)) ??
      (days.length === ATTENDANCE_DAYS - 1 ? "Make-up day" : "Instructional day");
    const date = isoDate(day);
    calendar.push({ date, event });
    if (event === "Instructional day" || event === "Make-up day") {
      days.push(date);
      if (day <= fallEnd) fallDays++;
    }
  }

  const description = `${fall}-${year}`;
  const sessions: SessionPlan[] = [
    { name: `${description} Fall Semester`, term: "Fall Semester", first: 0, end: fallDays },
    { name: `${description} Spring Semester`, term: "Spring Semester", first: fallDays, end: days.length },
  ];
  const descriptors: Code<"GradingPeriod">[] = ["First Nine Weeks", "Second Nine Weeks", "Third Nine Weeks", "Fourth Nine Weeks"];
  const gradingPeriods = sessions.flatMap((s, session) => {
    const middle = Math.floor((s.first + s.end) / 2);
    return [
      { first: s.first, end: middle },
      { first: middle, end: s.end },
    ].map((span, half) => ({ ...span, session, sequence: 2 * session + half + 1, descriptor: descriptors[2 * session + half] }));
  });
  const steps = days.map((_, step) => step).filter((step) => step > 0 && gcd(step, days.length) === 1);
  return { year, description, calendar, days, sessions, gradingPeriods, steps };
}

/** Attendance days in a span. */
export const spanDays = (span: Span) => span.end - span.first;

/** The session (0 = Fall, 1 = Spring) of an attendance day. */
export const sessionOfDay = (plan: SchoolYearPlan, day: number) => (day < plan.sessions[1].first ? 0 : 1);

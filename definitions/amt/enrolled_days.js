// The enrolled calendar days with their attendance flags (includes/amt.js enrolledDays), computed once
// per build for the collections that read them: chrab, EWS and Equity.
if (amt.enrolledDaysNeeded()) {
  publish(amt.ENROLLED_DAYS, amt.enrolledDaysConfig()).query((ctx) => `SELECT * FROM ${amt.enrolledDays(ctx)} AS dy`);
}

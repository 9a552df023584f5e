// AMT-SPEC §6.1: per enrollment and instructional day of the school's calendars (any calendar code or
// year) up to the as-of date, whether school and section attendance events report the student present or
// absent (the enrolled days, which EWS and Equity share). Days without events give all flags 0.
//
// A view over the enrolled-days table, as in AMT: it renders the keys of the rows it is read for. The
// days are a table rebuilt in full, not an incremental: a row depends on inputs that change for past
// days. Attendance events and enrollments are corrected and deleted retroactively (a delete leaves no
// staging row from which to find the student-days to redo), the descriptor map is re-resolved on every
// run (a district file change remaps every past day), and the as-of date bounds the rows.
if (amt.collectionEnabled("chrab")) {
  const flag = (name) => amt.dayFlag("dy", name);
  amt.publishOverEnrolledDays("chrab_ChronicAbsenteeismAttendanceFact", "view", (ctx, days) =>
    amt.shape(
      "chrab_ChronicAbsenteeismAttendanceFact",
      `SELECT
  ${amt.k("dy.student_unique_id", "dy.school_id")} AS StudentSchoolKey,
  dy.student_unique_id AS StudentKey,
  ${dialect.toText("dy.school_id")} AS SchoolKey,
  ${dialect.ymd("dy.date")} AS DateKey,
  ${flag("school_present")} AS ReportedAsPresentAtSchool,
  ${flag("school_absent")} AS ReportedAsAbsentFromSchool,
  ${flag("homeroom_present")} AS ReportedAsPresentAtHomeRoom,
  ${flag("homeroom_absent")} AS ReportedAsAbsentFromHomeRoom,
  CASE WHEN ${flag("section_absent")} = 0 AND ${flag("section_present")} = 1 THEN 1 ELSE 0 END AS ReportedAsIsPresentInAllSections,
  ${flag("section_absent")} AS ReportedAsAbsentFromAnySection
FROM ${days} AS dy
WHERE ${flag("is_instructional")} = 1`,
    ),
  );
}

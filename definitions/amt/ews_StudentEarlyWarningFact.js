// AMT-SPEC §7.1: per enrolled student, school and calendar date (instructional or not) up to the as-of
// date, the day's school, homeroom and any-class attendance flags and behavior flags.
//
// A view over the enrolled-days table (see chrab_ChronicAbsenteeismAttendanceFact), joined with the day's
// incidents. Not incremental: a row changes without any change to its own date's inputs (an enrollment's
// exit date moves, an attendance event or incident is deleted and staging drops it without trace, a
// district remaps a descriptor), so an increment bounded by new input rows would keep stale rows, and
// one that finds every affected row costs a full build.
if (amt.collectionEnabled("ews")) {
  // Output column per day flag: [enrolled-day flag, contract column].
  const COLUMNS = [
    ["school_present", "IsPresentSchool"], ["school_excused", "IsAbsentFromSchoolExcused"], ["school_unexcused", "IsAbsentFromSchoolUnexcused"], ["school_tardy", "IsTardyToSchool"],
    ["homeroom_present", "IsPresentHomeroom"], ["homeroom_excused", "IsAbsentFromHomeroomExcused"], ["homeroom_unexcused", "IsAbsentFromHomeroomUnexcused"], ["homeroom_tardy", "IsTardyToHomeroom"],
    ["section_present", "IsPresentAnyClass"], ["section_excused", "IsAbsentFromAnyClassExcused"], ["section_unexcused", "IsAbsentFromAnyClassUnexcused"], ["section_tardy", "IsTardyToAnyClass"],
  ];

  amt.publishOverEnrolledDays("ews_StudentEarlyWarningFact", "view", (ctx, days) => {
    // Students linked to an incident, with the incident's date and behavior flags; the behaviors are the
    // incident's own (as AMT, also on DS 5). The links are DS 4's incident associations or, on DS 5, which
    // has none, its incident-behavior associations: AMT on DS 4 does not read the latter, which DS 4 has too.
    const link = (table) => `SELECT student_unique_id, incident_identifier, school_id FROM ${amt.source(ctx, table)} AS l`;
    const incidentLinks = "stg_student_discipline_incident_associations";
    const links = [
      link(incidentLinks),
      `${link("stg_student_discipline_incident_behavior_associations")} WHERE NOT EXISTS (SELECT 1 FROM ${amt.source(ctx, incidentLinks)} AS a)`,
    ];
    const offenses = `(SELECT l.student_unique_id, i.school_id, i.incident_date, MAX(COALESCE(m.state, 0)) AS state_offense, MAX(COALESCE(m.conduct, 0)) AS conduct_offense
    FROM (${links.join(" UNION ALL ")}) AS l
    INNER JOIN ${amt.source(ctx, "stg_discipline_incidents")} AS i ON i.incident_identifier = l.incident_identifier AND i.school_id = l.school_id
    INNER JOIN ${amt.source(ctx, "stg_discipline_incidents__behaviors")} AS b ON b.parent_id = i.id AND b.school_year = i.school_year
    LEFT JOIN ${amt.meanings(ctx, { state: "Behavior.StateOffense", conduct: "Behavior.SchoolCodeOfConductOffense" })} AS m ON m.DescriptorUri = b.behavior_descriptor_uri
    GROUP BY l.student_unique_id, i.school_id, i.incident_date)`;
    return amt.shape(
      "ews_StudentEarlyWarningFact",
      `SELECT
  dy.student_unique_id AS StudentKey,
  ${dialect.toText("dy.school_id")} AS SchoolKey,
  ${dialect.ymd("dy.date")} AS DateKey,
  ${amt.dayFlag("dy", "is_instructional")} AS IsInstructionalDay,
  1 AS IsEnrolled,
  ${COLUMNS.map(([flag, name]) => `${amt.dayFlag("dy", flag)} AS ${name}`).join(",\n  ")},
  COALESCE(o.state_offense, 0) AS CountByDayOfStateOffenses,
  COALESCE(o.conduct_offense, 0) AS CountByDayOfConductOffenses
FROM ${days} AS dy
LEFT JOIN ${offenses} AS o ON o.student_unique_id = dy.student_unique_id AND o.school_id = dy.school_id AND o.incident_date = dy.date`,
    );
  });
}

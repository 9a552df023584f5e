// Dataform unit test(s) of AMT ews_StudentEarlyWarningFact (AMT-SPEC §7.1); rows are written with includes/amt_tests.js.
if (amt.collectionEnabled("ews")) {
  const { rows, date, none, asOfPlus, declareTest: declare } = amt_tests;

  // The day grid and its flags: calendar dates with an event, from the entry date to the exit date
  // (inclusive) and up to the as-of date, non-instructional days included with IsInstructionalDay 0;
  // school, homeroom and any-class flags by the descriptor map; an event of another school year than the
  // enrollment's is ignored; behavior flags from the incident links at the enrollment's school: DS 4's
  // incident associations (a DS 4 lake's incident-behavior associations are not read, as in AMT), or on
  // DS 5, which has none, its incident-behavior associations.
  const SCHOOL = 867530011;
  const uri = (type, code) => `uri://ed-fi.org/${type}Descriptor#${code}`;
  const ATTENDANCE = (code) => uri("AttendanceEventCategory", code);
  const enrollment = (student, exit) => ({ school_year: 2025, entry_date: date("2024-09-02"), school_id: SCHOOL, student_unique_id: student, exit_withdraw_date: exit, school_year_type_school_year: 2025 });
  const calendarDate = (id, day, event) => ({ id, school_year: 2025, calendar_code: "C1", school_id: SCHOOL, calendar_school_year: 2025, date: day, event });
  const dates = [
    calendarDate("d1", date("2024-09-01"), "Instructional day"),
    calendarDate("d2", date("2024-09-02"), "Instructional day"),
    calendarDate("d3", date("2024-09-03"), "Holiday"),
    calendarDate("d4", date("2024-09-04"), "Instructional day"),
    calendarDate("d5", date("2024-09-05"), "Instructional day"),
    calendarDate("tomorrow", asOfPlus(1), "Instructional day"),
  ];
  const schoolEvent = (student, day, code, year) => ({
    school_year: 2025, attendance_event_category_descriptor: code, attendance_event_category_descriptor_uri: ATTENDANCE(code), event_date: date(day),
    school_id: SCHOOL, session_school_year: year, session_name: "Fall", student_unique_id: student,
  });
  const section = (id) => ({ local_course_code: "ALG-1", school_id: SCHOOL, section_school_year: 2025, section_identifier: id, session_name: "Fall" });
  const sectionEvent = (student, day, code, id) => ({
    school_year: 2025, attendance_event_category_descriptor: code, attendance_event_category_descriptor_uri: ATTENDANCE(code), event_date: date(day), student_unique_id: student, ...section(id),
  });
  const link = (student, incident, behavior) => ({ school_year: 2025, incident_identifier: incident, school_id: SCHOOL, student_unique_id: student, ...(behavior ? { behavior_descriptor: behavior } : {}) });
  const incident = (id, day, behavior) => ({ id, school_year: 2025, incident_identifier: id, school_id: SCHOOL, incident_date: date(day), behavior });
  const incidents = [incident("I1", "2024-09-05", "State Offense"), incident("I2", "2024-09-03", "School Code of Conduct")];
  const mapping = (ConstantName, DescriptorUri) => ({ ConstantName, DescriptorUri });
  const LINK_COLUMNS = ["school_year", "incident_identifier", "school_id", "student_unique_id"];
  const declareDays = (name, incidentLinks, behaviorLinks, offenses) => declare(
    name,
    amt.definitionName("ews_StudentEarlyWarningFact"),
    {
      stg_student_school_associations: rows([enrollment("S1", date("2024-09-04")), enrollment("S2", none("DATE"))]),
      stg_students: rows([{ school_year: 2025, student_unique_id: "S1" }, { school_year: 2025, student_unique_id: "S2" }]),
      stg_calendar_dates: rows(dates.map(({ event, ...d }) => d)),
      stg_calendar_dates__calendar_events: rows(
        dates.map(({ id, event, ...d }) => ({ ...d, parent_id: id, calendar_event_descriptor_uri: uri("CalendarEvent", event) })),
      ),
      stg_student_school_attendance_events: rows([
        schoolEvent("S1", "2024-09-02", "Unexcused Absence", 2025),
        schoolEvent("S1", "2024-09-03", "Tardy", 2024),
        schoolEvent("S1", "2024-09-04", "Tardy", 2025),
      ]),
      stg_student_section_attendance_events: rows([
        sectionEvent("S1", "2024-09-02", "Excused Absence", "HR"),
        sectionEvent("S1", "2024-09-04", "In Attendance", "MATH"),
      ]),
      stg_student_section_associations: rows([
        { school_year: 2025, begin_date: date("2024-09-02"), student_unique_id: "S1", homeroom_indicator: true, ...section("HR") },
        { school_year: 2025, begin_date: date("2024-09-02"), student_unique_id: "S1", homeroom_indicator: false, ...section("MATH") },
      ]),
      stg_student_discipline_incident_associations: rows(incidentLinks, LINK_COLUMNS),
      stg_student_discipline_incident_behavior_associations: rows(behaviorLinks, [...LINK_COLUMNS, "behavior_descriptor"]),
      stg_discipline_incidents: rows(incidents.map(({ behavior, ...i }) => i)),
      stg_discipline_incidents__behaviors: rows(
        incidents.map(({ id, behavior }) => ({ parent_id: id, school_year: 2025, incident_identifier: id, school_id: SCHOOL, behavior_descriptor_uri: uri("Behavior", behavior) })),
      ),
      DescriptorMap: rows([
        mapping("CalendarEvent.InstructionalDay", uri("CalendarEvent", "Instructional day")),
        mapping("AttendanceEvent.Present", ATTENDANCE("In Attendance")),
        mapping("AttendanceEvent.ExcusedAbsence", ATTENDANCE("Excused Absence")),
        mapping("AttendanceEvent.UnexcusedAbsence", ATTENDANCE("Unexcused Absence")),
        mapping("AttendanceEvent.Tardy", ATTENDANCE("Tardy")),
        mapping("Behavior.StateOffense", uri("Behavior", "State Offense")),
        mapping("Behavior.SchoolCodeOfConductOffense", uri("Behavior", "School Code of Conduct")),
      ]),
    },
    rows(
      [
        ["S1", "20240902", 1, { IsAbsentFromSchoolUnexcused: 1, IsAbsentFromHomeroomExcused: 1, IsAbsentFromAnyClassExcused: 1 }],
        ["S1", "20240903", 0, {}],
        ["S1", "20240904", 1, { IsTardyToSchool: 1, IsPresentAnyClass: 1 }],
        ["S2", "20240902", 1, {}],
        ["S2", "20240903", 0, offenses["20240903"] || {}],
        ["S2", "20240904", 1, {}],
        ["S2", "20240905", 1, offenses["20240905"] || {}],
      ].map(([student, day, instructional, flags]) => ({
        ...Object.fromEntries(amt.views.ews_StudentEarlyWarningFact.columns.map(([column]) => [column, 0])),
        StudentKey: student, SchoolKey: String(SCHOOL), DateKey: day, IsInstructionalDay: instructional, IsEnrolled: 1, ...flags,
      })),
    ),
  );
  declareDays("test_ews_StudentEarlyWarningFact_days_and_flags", [link("S2", "I1")], [link("S2", "I2", "School Code of Conduct")], { 20240905: { CountByDayOfStateOffenses: 1 } });
  declareDays("test_ews_StudentEarlyWarningFact_ds5_behavior_links", [], [link("S2", "I1", "State Offense"), link("S2", "I2", "School Code of Conduct")], {
    20240903: { CountByDayOfConductOffenses: 1 },
    20240905: { CountByDayOfStateOffenses: 1 },
  });
}

// Dataform unit test(s) of AMT equity_StudentHistoryDim (AMT-SPEC §9.5); rows are written with includes/amt_tests.js.
if (amt.collectionEnabled("equity")) {
  const { rows, date, timestamp, none, sql, declareTest: declare } = amt_tests;

  // Enrollment history: every enrollment, the open one first, then by exit date descending (whatever
  // the input order), exits as yyyy-mm-dd. Grade summary: semester grades only, most recent grading
  // period first, two decimals, a letter-only grade translated. Attendance rate over instructional days
  // with homeroom absences; referrals counted from equity_StudentDisciplineActionDim.
  const uri = (type, code) => `uri://ed-fi.org/${type}Descriptor#${code}`;
  const enrollment = (school, entry, exit) => ({ school_year: 2025, entry_date: date(entry), school_id: school, student_unique_id: "S1", exit_withdraw_date: exit, school_year_type_school_year: none("INT") });
  const calendarDate = (day, event) => ({ id: `cd-${day}`, school_year: 2025, calendar_code: "C3", school_id: 3, calendar_school_year: 2025, date: date(day), calendar_event_descriptor_uri: uri("CalendarEvent", event) });
  const dates = [calendarDate("2024-09-02", "Instructional day"), calendarDate("2024-09-03", "Instructional day"), calendarDate("2024-09-04", "Instructional day"), calendarDate("2024-09-05", "Holiday")];
  const section = { local_course_code: "HR", school_id: 3, section_school_year: 2025, section_identifier: "HR-1", session_name: "Fall" };
  const grade = (course, session, period, type, numeric, letter) => ({
    school_year: 2025, grade_type_descriptor: type, grade_type_descriptor_uri: uri("GradeType", type), grading_period_descriptor: period,
    grading_period_descriptor_uri: uri("GradingPeriod", period), grading_period_name: none("STRING"), grading_period_school_year: 2025, period_sequence: 1,
    begin_date: date("2024-08-19"), local_course_code: course, school_id: 3, student_section_association_school_year: 2025, section_identifier: `${course}-1`,
    session_name: session, student_unique_id: "S1", numeric_grade_earned: numeric, letter_grade_earned: letter,
  });
  const gradingPeriod = (period, begin) => ({ school_year: 2025, grading_period_descriptor: period, grading_period_descriptor_uri: uri("GradingPeriod", period), grading_period_name: none("STRING"), school_id: 3, school_year_type_school_year: 2025, period_sequence: 1, begin_date: date(begin) });
  const offering = (course, session) => ({ school_year: 2025, local_course_code: course, school_id: 3, session_school_year: 2025, session_name: session, course_code: course, education_organization_id: 3 });
  const action = (id) => ({ StudentDisciplineActionKey: id, StudentSchoolKey: "S1-3" });
  declare(
    "test_equity_StudentHistoryDim_history_grades_attendance",
    amt.definitionName("equity_StudentHistoryDim"),
    {
      StudentSchoolDim: rows([{ StudentKey: "S1", StudentSchoolKey: "S1-3", SchoolKey: "3", LastModifiedDate: timestamp("2024-09-01 00:00:00") }]),
      equity_StudentDisciplineActionDim: rows([action("DA1"), action("DA2")]),
      stg_student_school_associations: rows([
        enrollment(2, "2023-08-15", date("2024-06-01")),
        enrollment(4, "2021-08-16", date("2022-06-01")),
        enrollment(3, "2024-08-19", none("DATE")),
        enrollment(1, "2022-08-15", date("2023-06-01")),
      ]),
      stg_schools: rows([1, 2, 3, 4].map((id) => ({ school_year: 2025, school_id: id, name_of_institution: `School ${"ABCD"[id - 1]}` }))),
      stg_students: rows([{ school_year: 2025, student_unique_id: "S1" }]),
      stg_calendar_dates: rows(dates.map(({ calendar_event_descriptor_uri, ...d }) => d)),
      stg_calendar_dates__calendar_events: rows(dates.map(({ id, ...d }) => ({ ...d, parent_id: id }))),
      stg_student_school_attendance_events: rows([], ["school_year", "attendance_event_category_descriptor", "attendance_event_category_descriptor_uri", "event_date", "school_id", "session_school_year", "session_name", "student_unique_id"]),
      stg_student_section_attendance_events: rows([
        { school_year: 2025, attendance_event_category_descriptor: "Excused Absence", attendance_event_category_descriptor_uri: uri("AttendanceEventCategory", "Excused Absence"), event_date: date("2024-09-03"), student_unique_id: "S1", ...section },
      ]),
      stg_student_section_associations: rows([{ school_year: 2025, begin_date: date("2024-08-19"), student_unique_id: "S1", homeroom_indicator: true, ...section }]),
      stg_grades: rows([
        grade("ALG", "Fall", "Fall Semester", "Semester", sql(`CAST(91.5 AS ${dialect.sqlType("DECIMAL")})`), "A"),
        grade("BIO", "Spring", "Spring Semester", "Semester", none("DECIMAL"), "B"),
        grade("BIO", "Spring", "Spring Semester", "Grading Period", sql(`CAST(70 AS ${dialect.sqlType("DECIMAL")})`), "C"),
      ]),
      stg_grading_periods: rows([gradingPeriod("Fall Semester", "2024-08-19"), gradingPeriod("Spring Semester", "2025-01-06")]),
      ews_LetterGradeTranslation: rows(amt_config.DEFAULT_LETTER_GRADES),
      stg_course_offerings: rows([offering("ALG", "Fall"), offering("BIO", "Spring")]),
      stg_courses: rows([{ school_year: 2025, course_code: "ALG", education_organization_id: 3, course_title: "Algebra I" }, { school_year: 2025, course_code: "BIO", education_organization_id: 3, course_title: "Biology" }]),
      DescriptorMap: rows([
        { ConstantName: "CalendarEvent.InstructionalDay", DescriptorUri: uri("CalendarEvent", "Instructional day") },
        { ConstantName: "AttendanceEvent.Absence", DescriptorUri: uri("AttendanceEventCategory", "Excused Absence") },
        { ConstantName: "GradeType.Semester", DescriptorUri: uri("GradeType", "Semester") },
      ]),
    },
    rows([
      {
        StudentKey: "S1", StudentSchoolKey: "S1-3", GradeSummary: "Biology: 85.00, Algebra I: 91.50", CurrentSchoolKey: "3",
        AttendanceRate: sql(`CAST(66.67 AS ${dialect.sqlType("DECIMAL")})`), ReferralsAndSuspensions: 2,
        EnrollmentHistory: sql(dialect.quoteLines("School C, \nSchool B 2024-06-01, \nSchool A 2023-06-01, \nSchool D 2022-06-01")),
        LastModifiedDate: timestamp("2024-09-01 00:00:00"),
      },
    ]),
  );
}

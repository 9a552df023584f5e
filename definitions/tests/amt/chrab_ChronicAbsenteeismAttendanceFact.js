// Dataform unit test(s) of AMT chrab_ChronicAbsenteeismAttendanceFact (AMT-SPEC §6.1); rows are written with includes/amt_tests.js.
if (amt.collectionEnabled("chrab")) {
  const { rows, date, none, asOfPlus, declareTest: declare } = amt_tests;
  const category = (code) => `uri://ed-fi.org/AttendanceEventCategoryDescriptor#${code}`;
  const calendarEvent = (code) => `uri://ed-fi.org/CalendarEventDescriptor#${code}`;
  const mapped = (ConstantName, DescriptorUri) => ({ ConstantName, DescriptorUri });

  // Instructional days are the calendar dates (any calendar of the school) whose event is mapped to
  // CalendarEvent.InstructionalDay, within the enrollment (exit day included) and up to the as-of date.
  // Present/absent come from the categories mapped to AttendanceEvent.Present / .Absence (a category may
  // carry several constants; Tardy carries neither); homeroom flags only from homeroom sections; an event
  // of another school year counts only for an enrollment without a school year; days two enrollments
  // share appear once.
  const days = [
    ["c1", "C", date("2024-08-30"), "Instructional day"],
    ["c2", "C", date("2024-09-02"), "Instructional day"],
    ["c3", "C", date("2024-09-03"), "Make-up day"],
    ["c4", "C", date("2024-09-04"), "Holiday"],
    ["c5", "C", date("2024-09-05"), "Instructional day"],
    ["c6", "C", date("2024-09-06"), "Instructional day"],
    ["d6", "D", date("2024-09-06"), "Instructional day"],
    ["c9", "C", date("2024-09-09"), "Instructional day"],
    ["cf", "C", asOfPlus(1), "Instructional day"],
  ];
  const calendar = { school_year: 2025, school_id: 1, calendar_school_year: 2025 };
  const ssa = (student, entry, exit, year) => ({ school_year: 2025, entry_date: date(entry), school_id: 1, student_unique_id: student, exit_withdraw_date: exit, school_year_type_school_year: year });
  const schoolEvent = (student, day, code, year = 2025) => ({
    school_year: year, attendance_event_category_descriptor: code, attendance_event_category_descriptor_uri: category(code), event_date: date(day), school_id: 1,
    session_school_year: year, session_name: "Fall", student_unique_id: student,
  });
  const section = (id) => ({ school_year: 2025, local_course_code: id, school_id: 1, section_school_year: 2025, section_identifier: id, session_name: "Fall", student_unique_id: "S" });
  const sectionEvent = (sectionId, day, code) => ({ ...section(sectionId), attendance_event_category_descriptor: code, attendance_event_category_descriptor_uri: category(code), event_date: date(day) });
  const fact = (student, dateKey, flags) => {
    const [present, absent, homePresent, homeAbsent, allSections, anySection] = flags;
    return {
      StudentSchoolKey: `${student}-1`, StudentKey: student, SchoolKey: "1", DateKey: dateKey, ReportedAsPresentAtSchool: present, ReportedAsAbsentFromSchool: absent,
      ReportedAsPresentAtHomeRoom: homePresent, ReportedAsAbsentFromHomeRoom: homeAbsent, ReportedAsIsPresentInAllSections: allSections, ReportedAsAbsentFromAnySection: anySection,
    };
  };
  declare(
    "test_chrab_presence_absence_and_instructional_days",
    amt.definitionName("chrab_ChronicAbsenteeismAttendanceFact"),
    {
      stg_student_school_associations: rows([
        ssa("S", "2024-09-02", date("2024-09-06"), 2025),
        ssa("T", "2024-09-06", none("DATE"), null),
        ssa("U", "2024-09-02", none("DATE"), 2025),
        // V's enrollments overlap on 2024-09-05: one row per day, flags from either enrollment.
        ssa("V", "2024-09-02", date("2024-09-05"), 2025),
        ssa("V", "2024-09-05", none("DATE"), null),
      ]),
      stg_students: rows(["S", "T", "V"].map((id) => ({ school_year: 2025, student_unique_id: id }))),
      stg_calendar_dates: rows(days.map(([id, code, day]) => ({ id, ...calendar, calendar_code: code, date: day }))),
      stg_calendar_dates__calendar_events: rows(
        days.map(([id, code, day, event]) => ({ parent_id: id, ...calendar, calendar_code: code, date: day, calendar_event_descriptor_uri: calendarEvent(event) })),
      ),
      DescriptorMap: rows([
        mapped("AttendanceEvent.Present", category("In Attendance")),
        mapped("AttendanceEvent.Absence", category("Excused Absence")),
        mapped("AttendanceEvent.ExcusedAbsence", category("Excused Absence")),
        mapped("AttendanceEvent.Absence", category("Unexcused Absence")),
        mapped("AttendanceEvent.Tardy", category("Tardy")),
        mapped("CalendarEvent.InstructionalDay", calendarEvent("Instructional day")),
        mapped("CalendarEvent.InstructionalDay", calendarEvent("Make-up day")),
      ]),
      stg_student_school_attendance_events: rows([
        schoolEvent("S", "2024-09-03", "Excused Absence"),
        schoolEvent("S", "2024-09-04", "Unexcused Absence"),
        schoolEvent("S", "2024-09-05", "In Attendance"),
        schoolEvent("S", "2024-09-05", "Tardy"),
        schoolEvent("S", "2024-09-06", "Unexcused Absence", 2024),
        schoolEvent("T", "2024-09-06", "Unexcused Absence", 2024),
        // T's enrollment has no school year: events of every year count, their flags merged.
        schoolEvent("T", "2024-09-06", "In Attendance", 2025),
        schoolEvent("V", "2024-09-05", "Unexcused Absence", 2024),
      ]),
      stg_student_section_attendance_events: rows([
        sectionEvent("H", "2024-09-03", "Excused Absence"),
        sectionEvent("H", "2024-09-05", "In Attendance"),
        sectionEvent("X", "2024-09-05", "In Attendance"),
        sectionEvent("H", "2024-09-06", "In Attendance"),
        sectionEvent("X", "2024-09-06", "Unexcused Absence"),
      ]),
      stg_student_section_associations: rows([
        { ...section("H"), begin_date: date("2024-09-02"), homeroom_indicator: true },
        { ...section("X"), begin_date: date("2024-09-02"), homeroom_indicator: false },
      ]),
    },
    rows([
      fact("S", "20240902", [0, 0, 0, 0, 0, 0]),
      fact("S", "20240903", [0, 1, 0, 1, 0, 1]),
      fact("S", "20240905", [1, 0, 1, 0, 1, 0]),
      fact("S", "20240906", [0, 0, 1, 0, 0, 1]),
      fact("T", "20240906", [1, 1, 0, 0, 0, 0]),
      fact("T", "20240909", [0, 0, 0, 0, 0, 0]),
      fact("V", "20240902", [0, 0, 0, 0, 0, 0]),
      fact("V", "20240903", [0, 0, 0, 0, 0, 0]),
      fact("V", "20240905", [0, 1, 0, 0, 0, 0]),
      fact("V", "20240906", [0, 0, 0, 0, 0, 0]),
      fact("V", "20240909", [0, 0, 0, 0, 0, 0]),
    ]),
  );
}

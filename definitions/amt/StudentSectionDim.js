// AMT-SPEC §4.17: every student section enrollment with course, subject and the names of every staff
// member assigned to the section (no date filter; joined in name order for a stable text).
publish("StudentSectionDim", amt.config("StudentSectionDim")).query((ctx) => {
  const section = ["ssa.school_id", "ssa.local_course_code", "ssa.section_school_year", "ssa.section_identifier", "ssa.session_name"];
  const sectionOf = (alias) => section.map((c) => c.replace("ssa.", `${alias}.`));
  const teachers = `(SELECT ${sectionOf("t").join(", ")}, STRING_AGG(sf.first_name || ' ' || sf.last_surname, ', ' ORDER BY sf.first_name || ' ' || sf.last_surname) AS names
    FROM ${amt.source(ctx, "stg_staff_section_associations")} AS t
    INNER JOIN ${amt.source(ctx, "stg_staffs")} AS sf ON sf.staff_unique_id = t.staff_unique_id
    GROUP BY ${sectionOf("t").join(", ")})`;
  return amt.shape(
    "StudentSectionDim",
    `SELECT
  ${amt.k("ssa.student_unique_id", ...section, dialect.ymd("ssa.begin_date"))} AS StudentSectionKey,
  ${amt.k("ssa.student_unique_id", "ssa.school_id")} AS StudentSchoolKey,
  ssa.student_unique_id AS StudentKey,
  ${amt.k(...section)} AS SectionKey,
  ssa.local_course_code AS LocalCourseCode,
  COALESCE(subj.description, '') AS Subject,
  COALESCE(c.course_title, '') AS CourseTitle,
  COALESCE(te.names, '') AS TeacherName,
  ${dialect.ymd("ssa.begin_date")} AS StudentSectionStartDateKey,
  ${dialect.ymd("ssa.end_date")} AS StudentSectionEndDateKey,
  ${dialect.toText("ssa.school_id")} AS SchoolKey,
  ${dialect.toText("ssa.section_school_year")} AS SchoolYear,
  ${dialect.greatestNonNull(["ssa.last_modified_date", "c.last_modified_date", "co.last_modified_date", "subj.last_modified_date"])} AS LastModifiedDate
FROM ${amt.source(ctx, "stg_student_section_associations")} AS ssa
INNER JOIN ${amt.source(ctx, "stg_students")} AS st ON st.student_unique_id = ssa.student_unique_id
INNER JOIN ${amt.source(ctx, "stg_course_offerings")} AS co
  ON co.local_course_code = ssa.local_course_code AND co.school_id = ssa.school_id
  AND co.session_school_year = ssa.section_school_year AND co.session_name = ssa.session_name
INNER JOIN ${amt.source(ctx, "stg_courses")} AS c ON c.course_code = co.course_code AND c.education_organization_id = co.education_organization_id
LEFT JOIN ${amt.courseSubjects(ctx)} AS cs ON cs.course_code = c.course_code AND cs.education_organization_id = c.education_organization_id
LEFT JOIN ${amt.descriptors(ctx, "academicSubject")} AS subj ON subj.uri = cs.academic_subject_descriptor_uri
LEFT JOIN ${teachers} AS te ON ${section.map((col, i) => `te.${sectionOf("t")[i].slice(2)} = ${col}`).join(" AND ")}`,
  );
});

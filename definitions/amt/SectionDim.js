// AMT-SPEC §4.16: sections with course, session/term and subject. AMT matches the session on the
// course's education organization (not the section's school), so LEA-level courses get no session.
publish("SectionDim", amt.config("SectionDim")).query((ctx) => {
  const section = ["se.school_id", "se.local_course_code", "se.course_offering_school_year", "se.section_identifier", "se.session_name"];
  return amt.shape(
    "SectionDim",
    `SELECT
  ${dialect.toText("se.school_id")} AS SchoolKey,
  ${amt.k(...section)} AS SectionKey,
  COALESCE(subj.description, '') || '-(' || se.local_course_code || ')-' || COALESCE(c.course_title, '') || '-' || COALESCE(term.description, '') AS Description,
  se.local_course_code || '-' || COALESCE(ses.session_name, '') AS SectionName,
  se.session_name AS SessionName,
  se.local_course_code AS LocalCourseCode,
  ${dialect.toText("se.course_offering_school_year")} AS SchoolYear,
  env.description AS EducationalEnvironmentDescriptor,
  COALESCE(${dialect.toText("sc.local_education_agency_id")}, '') AS LocalEducationAgencyKey,
  se.last_modified_date AS LastModifiedDate,
  c.course_title AS CourseTitle,
  ${amt.k("se.school_id", "se.course_offering_school_year", "se.session_name")} AS SessionKey
FROM ${amt.source(ctx, "stg_sections")} AS se
INNER JOIN ${amt.source(ctx, "stg_course_offerings")} AS co
  ON co.local_course_code = se.local_course_code AND co.school_id = se.school_id
  AND co.session_school_year = se.course_offering_school_year AND co.session_name = se.session_name
INNER JOIN ${amt.source(ctx, "stg_courses")} AS c ON c.course_code = co.course_code AND c.education_organization_id = co.education_organization_id
LEFT JOIN ${amt.source(ctx, "stg_schools")} AS sc ON sc.school_id = se.school_id
LEFT JOIN ${amt.courseSubjects(ctx)} AS cs ON cs.course_code = c.course_code AND cs.education_organization_id = c.education_organization_id
LEFT JOIN ${amt.descriptors(ctx, "academicSubject")} AS subj ON subj.uri = cs.academic_subject_descriptor_uri
LEFT JOIN ${amt.descriptors(ctx, "educationalEnvironment")} AS env ON env.uri = se.educational_environment_descriptor_uri
LEFT JOIN ${amt.source(ctx, "stg_sessions")} AS ses
  ON ses.school_id = c.education_organization_id AND ses.school_year_type_school_year = co.session_school_year AND ses.session_name = se.session_name
LEFT JOIN ${amt.descriptors(ctx, "term")} AS term ON term.uri = ses.term_descriptor_uri`,
  );
});

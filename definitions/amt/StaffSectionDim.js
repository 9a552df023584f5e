// AMT-SPEC §4.11: current staff–section assignments with staff demographics, one row per e-mail address.
publish("StaffSectionDim", amt.config("StaffSectionDim")).query((ctx) => {
  const section = ["ssa.school_id", "ssa.local_course_code", "ssa.section_school_year", "ssa.section_identifier", "ssa.session_name"];
  // Race: the only race's short description, 'Multiracial' for several, 'Unknown' for none.
  const races = `(SELECT r.parent_id, r.school_year, COUNT(*) AS races, MIN(rd.short_description) AS race
    FROM ${amt.source(ctx, "stg_staffs__races")} AS r
    LEFT JOIN ${amt.descriptors(ctx, "race")} AS rd ON rd.uri = r.race_descriptor_uri
    GROUP BY r.parent_id, r.school_year)`;
  return amt.shape(
    "StaffSectionDim",
    `SELECT
  ${amt.k("ssa.staff_unique_id", ...section)} AS StaffSectionKey,
  ssa.staff_unique_id AS UserKey,
  ${dialect.toText("ssa.school_id")} AS SchoolKey,
  ${amt.k(...section)} AS SectionKey,
  COALESCE(sf.personal_title_prefix, '') AS PersonalTitlePrefix,
  sf.first_name AS StaffFirstName,
  COALESCE(sf.middle_name, '') AS StaffMiddleName,
  sf.last_surname AS StaffLastName,
  COALESCE(em.electronic_mail_address, '') AS ElectronicMailAddress,
  COALESCE(sex.short_description, '') AS Sex,
  COALESCE(${dialect.iso("sf.birth_date")}, '') AS BirthDate,
  CASE WHEN ra.races IS NULL THEN 'Unknown' WHEN ra.races = 1 THEN ra.race ELSE 'Multiracial' END AS Race,
  COALESCE(sf.hispanic_latino_ethnicity, FALSE) AS HispanicLatinoEthnicity,
  COALESCE(edu.short_description, '') AS HighestCompletedLevelOfEducation,
  COALESCE(sf.years_of_prior_professional_experience, 0) AS YearsOfPriorProfessionalExperience,
  COALESCE(sf.years_of_prior_teaching_experience, 0) AS YearsOfPriorTeachingExperience,
  COALESCE(sf.highly_qualified_teacher, FALSE) AS HighlyQualifiedTeacher,
  COALESCE(sf.login_id, '') AS LoginId,
  ${dialect.greatestNonNull(["sf.last_modified_date", "ssa.last_modified_date"])} AS LastModifiedDate
FROM ${amt.source(ctx, "stg_staff_section_associations")} AS ssa
INNER JOIN ${amt.source(ctx, "stg_staffs")} AS sf ON sf.staff_unique_id = ssa.staff_unique_id
LEFT JOIN ${amt.source(ctx, "stg_staffs__electronic_mails")} AS em ON em.parent_id = sf.id AND em.school_year = sf.school_year
LEFT JOIN ${amt.descriptors(ctx, "sex")} AS sex ON sex.uri = sf.sex_descriptor_uri
LEFT JOIN ${amt.descriptors(ctx, "levelOfEducation")} AS edu ON edu.uri = sf.highest_completed_level_of_education_descriptor_uri
LEFT JOIN ${races} AS ra ON ra.parent_id = sf.id AND ra.school_year = sf.school_year
WHERE ${amt.isCurrent("ssa.end_date")}`,
  );
});

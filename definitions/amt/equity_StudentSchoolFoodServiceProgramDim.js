// AMT-SPEC §9.1: food service program services of students, once per current enrollment. Code values
// stand in for AMT's descriptor ids in the keys (§3.2).
if (amt.collectionEnabled("equity")) {
  publish("equity_StudentSchoolFoodServiceProgramDim", amt.collectionConfig("equity_StudentSchoolFoodServiceProgramDim")).query((ctx) => {
    const program = ["p.student_unique_id", "ssa.school_id", "p.program_name", "p.program_type_descriptor", "p.education_organization_id", "p.program_education_organization_id", dialect.ymd("p.begin_date")];
    return amt.shape(
      "equity_StudentSchoolFoodServiceProgramDim",
      `SELECT
  ${amt.k(...program, "s.school_food_service_program_service_descriptor")} AS StudentSchoolFoodServiceProgramKey,
  ${amt.k(...program)} AS StudentSchoolProgramKey,
  ${amt.k("p.student_unique_id", "ssa.school_id")} AS StudentSchoolKey,
  p.program_name AS ProgramName,
  svc.description AS SchoolFoodServiceProgramServiceDescriptor,
  p.last_modified_date AS LastModifiedDate
FROM ${amt.source(ctx, "stg_student_school_food_service_program_associations")} AS p
INNER JOIN ${amt.source(ctx, "stg_student_school_food_service_program_associations__services")} AS s ON s.parent_id = p.id AND s.school_year = p.school_year
INNER JOIN ${amt.descriptors(ctx, "schoolFoodServiceProgramService")} AS svc ON svc.uri = s.school_food_service_program_service_descriptor_uri
${amt.currentEnrollments(ctx, "p")}`,
    );
  });
}

// AMT-SPEC §4.14: current enrollments (AllStudentSchoolDim's rows that are enrolled as of the run).
publish("StudentSchoolDim", amt.config("StudentSchoolDim")).query((ctx) =>
  amt.shape("StudentSchoolDim", `SELECT * FROM (\n${amt.studentSchools(ctx)}\n) AS s\nWHERE IsEnrolled`),
);

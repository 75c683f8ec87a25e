// SgshLocal: the embedded default backend, EC2-faithful security groups in a
// SQLite file (GRDB). See docs/ARCHITECTURE.md.

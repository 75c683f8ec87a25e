// SgshTestSupport: goldens with a failing record mode, chunked files, an
// in-memory Host, and backend decorators for counting and fault injection.

// The one source of the targets that hold the test programs' shared precompiled headers
// (tests/CMakeLists.txt): a target needs a source, the PCH itself is all it is for.
namespace joulebench::testing {}

#pragma once
// A test seam, not an interface: the moment between "the output is complete" and "the output is
// in place" (a temporary flushed but not yet renamed, a stream opened but not yet written) is a
// few microseconds, too short for a test to deliver a signal into by timing. When the
// environment variable JOULEBENCH_TEST_HOLD_COMMIT names a path, the process creates that file
// there and waits (up to 60 s) before going on, so that a test can signal it in the window.
// Unset, it costs one getenv().

namespace joulebench {

inline constexpr const char* kHoldCommitVariable = "JOULEBENCH_TEST_HOLD_COMMIT";

void hold_commit_window_for_tests();

}  // namespace joulebench

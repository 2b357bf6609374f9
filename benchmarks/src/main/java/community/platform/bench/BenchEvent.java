package community.platform.bench;

/** An event the size of a typical sign-up (about 150 bytes of JSON). */
record BenchEvent(String postId, String volunteer, String note) {
}

/** JMH microbenchmarks of the hot paths: the core as leader and follower, the message codec, the file log. */
package io.graft.bench.jmh;

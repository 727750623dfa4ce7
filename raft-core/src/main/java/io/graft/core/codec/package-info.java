/** The codecs that ship with the core: {@code bytes} (the default) and {@code string}. */
package io.graft.core.codec;

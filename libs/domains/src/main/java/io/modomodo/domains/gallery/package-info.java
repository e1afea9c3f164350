/** Command-line tools: a contact sheet of sample items per domain ({@link io.modomodo.domains.gallery.Gallery}). */
package io.modomodo.domains.gallery;

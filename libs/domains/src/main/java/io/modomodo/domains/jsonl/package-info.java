/**
 * External datasets as JSONL files: our documented format and VLM-R1 / open-r1-multimodal records, read by
 * {@link io.modomodo.domains.jsonl.JsonlReader} with every bad line reported by file and line number.
 */
package io.modomodo.domains.jsonl;

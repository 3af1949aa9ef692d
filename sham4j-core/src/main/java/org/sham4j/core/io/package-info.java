/**
 * Readers of the files users bring (Matrix Market, NumPy {@code .npy} and {@code .npz}) and shared helpers for
 * reading whole files and writing them atomically. Every reader here, in the formats and in the model, ONNX and
 * Keras importers follows one rule, written out in {@link org.sham4j.core.format.PayloadInput}: counts are checked
 * against the bytes that remain before anything is allocated or looped over, the work of reading grows with the
 * file's size and not with a shape it declares, pointers are checked entry by entry before they are followed,
 * and what a declared shape needs beyond the bytes present is checked against the
 * {@link org.sham4j.core.memory.MemoryBudget}. A file that breaks it is refused with a one-line
 * {@link org.sham4j.core.io.InvalidInputException} that names the file and the field at fault.
 */
package org.sham4j.core.io;

package org.mlagateway.pages;

/**
 * What the shared frame of a page ({@code layout.jte}) shows around its content: the title, who is signed in
 * ({@code session} null before login), the labels' language, whether the statistics are linked, and the path
 * the language switch comes back to.
 */
record Frame(String title, OperatorSession session, Messages t, boolean statistics, String back) {}

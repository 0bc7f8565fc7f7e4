/**
 * Disclosure control for a linked system of additive tables.
 *
 * <p>The unit of protection is the <em>contributor</em> (a manufacturer's pseudonymous token). A cell is a sum of
 * contributions; cells are tied together by additive relations ({@code total = sum(parts)}) that may overlap and
 * chain (margins, years over quarters, {@code all} over years). The engine
 *
 * <ol>
 *   <li>suppresses every cell that fails a rule of {@link org.cgtbulletin.protect.DisclosureRules} (primary
 *       suppression, R1..R4), or that a previous release suppressed;</li>
 *   <li>adds complementary (secondary) suppressions over the whole linked system, first by a fast heuristic and then
 *       until an <em>exact</em> derivability check (sparse Gaussian elimination modulo two 61-bit primes) finds no
 *       suppressed cell that the published cells determine, each complement one that enters a derivation of the
 *       cell (the derivation's weights from the same elimination, transposed: {@code DerivabilityCheck#certificate});
 *       </li>
 *   <li>audits the result: exact derivability, the feasible interval of every suppressed cell by exact linear
 *       programming with non-negativity (a connected component of suppressed cells up to
 *       {@value org.cgtbulletin.protect.IntervalAudit#MAX_LP_UNKNOWNS} unknowns as one program; a larger one by
 *       restricted programs around each cell, {@link org.cgtbulletin.protect.RestrictedAudit}, which prove a cell
 *       protected or exposed, then alternative datasets built from the report footprints
 *       ({@link org.cgtbulletin.protect.AlternativeData}), which can prove it protected, then the whole
 *       component's program in floating point ({@link org.cgtbulletin.protect.SparseSimplex}) whose solutions
 *       count only as exact certificates ({@link org.cgtbulletin.protect.Certificates}), which prove it protected
 *       or exposed; a cell none of these decides is reported as not proven), the protection each failed rule
 *       requires of that
 *       interval, and an attack by each primary cell's largest contributor, who knows its own amounts in every
 *       cell.</li>
 * </ol>
 *
 * <p>Entry point: {@link org.cgtbulletin.protect.DisclosureControl}. Everything is deterministic: the same input
 * gives the same statuses, reasons and report.
 */
package org.cgtbulletin.protect;

(* heatbound -- Coq development, part 5: the heat current formula.

   With the Davies generator (one bath, noise operator A, rates gamma)
     D(rho) = sum_w gamma(w) [ A(w) rho A(w)^+ - 1/2 {A(w)^+ A(w), rho} ]
   (w over the Bohr frequencies), the definition of [heat] used in the
   bounds is the heat current  J = Tr[H D(rho)]:
     Tr[H D(rho)] = - sum_w w gamma(w) Tr[rho A(w)^+ A(w)].
   The proof uses [H, A(w)] = - w A(w) ("A(w) removes energy w"). *)

From mathcomp Require Import all_ssreflect all_algebra.
From Heatbound Require Import Setting KeyIdentity Bounds Scaling.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import Order.POrderTheory GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section Davies.

Variable C : numClosedFieldType.
Variables (n k : nat) (e : 'I_k -> C) (P : 'I_k -> 'M[C]_n).
Hypothesis sp : spectral e P.

Definition davies (A : 'M[C]_n) (gamma : C -> C) (rho : 'M[C]_n) : 'M[C]_n :=
  \sum_(w <- bohr e) gamma w *:
    (Aw e P A w *m rho *m adj (Aw e P A w)
     - 2%:R^-1 *: (adj (Aw e P A w) *m Aw e P A w *m rho
                   + rho *m (adj (Aw e P A w) *m Aw e P A w))).

Lemma ham_herm : hermitian (ham e P).
Proof.
rewrite /hermitian /ham adj_sum; apply: eq_bigr => i _.
by rewrite adjZ (spec_herm sp) conj_Creal ?(spec_real sp).
Qed.

(* [H, A(w)] = - w A(w) *)
Lemma ham_Aw (A : 'M[C]_n) w :
  ham e P *m Aw e P A w = Aw e P A w *m ham e P - w *: Aw e P A w.
Proof.
rewrite /Aw mulmx_sumr mulmx_suml scaler_sumr -sumrB; apply: eq_bigr => i _.
rewrite mulmx_sumr mulmx_suml scaler_sumr -sumrB; apply: eq_bigr => j /eqP <-.
rewrite !mulmxA (ham_P sp) -[P i *m A *m P j *m _]mulmxA (P_ham sp).
rewrite -!scalemxAl -scalemxAr -scalerBl; congr (_ *: _).
by rewrite opprB addrC subrK.
Qed.

Lemma Aw_adj_ham (A : 'M[C]_n) w : w \is Num.real ->
  adj (Aw e P A w) *m ham e P = ham e P *m adj (Aw e P A w) - w *: adj (Aw e P A w).
Proof.
move=> Rw; have := congr1 (@adj _ _ _) (ham_Aw A w).
by rewrite adjM adjB adjM adjZ ham_herm conj_Creal.
Qed.

(* A(w)^+ A(w) commutes with H *)
Lemma ham_AwAw (A : 'M[C]_n) w : w \is Num.real ->
  ham e P *m (adj (Aw e P A w) *m Aw e P A w)
  = adj (Aw e P A w) *m Aw e P A w *m ham e P.
Proof.
move=> Rw; set X := Aw e P A w.
have hX : ham e P *m adj X = adj X *m ham e P + w *: adj X.
  by rewrite Aw_adj_ham // subrK.
rewrite mulmxA hX mulmxDl -scalemxAl -mulmxA ham_Aw mulmxBr -scalemxAr.
by rewrite subrK mulmxA.
Qed.

Lemma half_double (x : C) : 2%:R^-1 * (x + x) = x.
Proof.
by rewrite -mulr2n -[x *+ 2]mulr_natl mulrA mulVf ?mul1r // pnatr_eq0.
Qed.

(* The heat current is Tr[H D(rho)] *)
Theorem heat_davies (A : 'M[C]_n) (gamma : C -> C) (rho : 'M[C]_n) :
  heat e P A gamma rho = \tr (ham e P *m davies A gamma rho).
Proof.
rewrite /heat /davies mulmx_sumr tr_sum -sumrN big_seq [RHS]big_seq.
apply: eq_bigr => w wb; have Rw := bohr_real sp wb.
set X := Aw e P A w; set N := adj X *m X.
rewrite -scalemxAr mxtraceZ mulmxBr -scalemxAr trB mxtraceZ mulmxDr mxtraceD.
(* Tr[H X rho X^+] = Tr[N H rho] - w Tr[rho N] *)
have T1 : \tr (ham e P *m (X *m rho *m adj X))
          = \tr (N *m ham e P *m rho) - w * \tr (N *m rho).
  rewrite mulmxA mxtrace_mulC !mulmxA -[adj X *m ham e P *m X]mulmxA ham_Aw.
  rewrite mulmxBr -scalemxAr mulmxBl -scalemxAl trB mxtraceZ.
  by rewrite /N !mulmxA.
have T2 : \tr (ham e P *m (N *m rho)) = \tr (N *m ham e P *m rho).
  by rewrite mulmxA ham_AwAw.
have T3 : \tr (ham e P *m (rho *m N)) = \tr (N *m ham e P *m rho).
  by rewrite mulmxA mxtrace_mulC mulmxA.
rewrite T1 T2 T3 half_double addrAC subrr add0r mulrN mulrCA mulrA.
by rewrite /N mxtrace_mulC.
Qed.

End Davies.

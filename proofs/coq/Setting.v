(* heatbound -- Coq development, part 1: the setting.

   Everything is stated over an arbitrary algebraically closed numeric field
   [C : numClosedFieldType] (e.g. MathComp's algC, or R[i] for a real closed
   field R), for every finite dimension n.  "Real" means [x \is Num.real],
   and [x <= y] is the partial order of C ([y - x] real and nonnegative).

   Design choices (stated honestly):
   * the adjoint is defined here: [adj A := (A ^ conjC)^T];
   * a matrix X is positive semidefinite iff it has Gram form X = B B^+ with
     B square ([psd]); every psd matrix has a square root, so this is the
     usual notion; the Loewner order is [loewner_le X Y := psd (Y - X)];
   * "rho is a density matrix" is [psd rho /\ \tr rho = 1];
   * the norm bound ||A|| <= s is stated in Loewner form A^2 <= s^2 I
     ([loewner_le (A *m A) (s ^+ 2)%:M]);
   * the spectral decomposition H = sum_i e_i P_i is given by *distinct*
     real eigenvalues e : 'I_k -> C and nonzero Hermitian projectors P_i
     with P_i P_j = delta_ij P_i and sum_i P_i = 1 (record [spectral]);
   * Bohr frequencies: [bohr e] is the list (without repetitions) of all
     values e_j - e_i;  A(w) = sum_{(i,j) : e_j - e_i = w} P_i A P_j, i.e.
     the part of A that removes energy w (docs/physics.md, with P_i = P_e,
     P_j = P_e');  Omega = the nonzero Bohr frequencies w with A(w) <> 0;
   * J = - sum_{w in bohr e} w gamma(w) Tr[rho A(w)^+ A(w)]  (the w = 0 term
     and the terms with A(w) = 0 vanish, so this is the sum over Omega);
   * maxima over finite lists are [bmax s f] = max(0, max_{x in s} f x);
     for the nonnegative quantities |w| gamma(w), gamma(w) this is the max
     over s (and 0 for an empty list). *)

From mathcomp Require Import all_ssreflect all_algebra.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import Order.POrderTheory GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section Setting.

Variable C : numClosedFieldType.

(* ------------------------------------------------------------------ *)
(* Adjoint                                                             *)

Definition adj m n (A : 'M[C]_(m, n)) : 'M[C]_(n, m) := (map_mx conjC A)^T.

Lemma adjK m n (A : 'M[C]_(m, n)) : adj (adj A) = A.
Proof.
by apply/matrixP => i j; rewrite !mxE conjCK.
Qed.

Lemma adjM m n p (A : 'M[C]_(m, n)) (B : 'M[C]_(n, p)) :
  adj (A *m B) = adj B *m adj A.
Proof. by rewrite /adj map_mxM trmx_mul. Qed.

Lemma adjD m n (A B : 'M[C]_(m, n)) : adj (A + B) = adj A + adj B.
Proof. by apply/matrixP => i j; rewrite !mxE rmorphD. Qed.

Lemma adjN m n (A : 'M[C]_(m, n)) : adj (- A) = - adj A.
Proof. by apply/matrixP => i j; rewrite !mxE rmorphN. Qed.

Lemma adjB m n (A B : 'M[C]_(m, n)) : adj (A - B) = adj A - adj B.
Proof. by rewrite adjD adjN. Qed.

Lemma adj0 m n : adj (0 : 'M[C]_(m, n)) = 0.
Proof. by apply/matrixP => i j; rewrite !mxE rmorph0. Qed.

Lemma adjZ m n a (A : 'M[C]_(m, n)) : adj (a *: A) = a^* *: adj A.
Proof. by apply/matrixP => i j; rewrite !mxE rmorphM. Qed.

Lemma adj_scalar n a : adj (a%:M : 'M[C]_n) = (a^*)%:M.
Proof.
by apply/matrixP => i j; rewrite !mxE rmorphMn eq_sym.
Qed.

Lemma adj_sum m n I (r : seq I) (P : pred I) (F : I -> 'M[C]_(m, n)) :
  adj (\sum_(i <- r | P i) F i) = \sum_(i <- r | P i) adj (F i).
Proof.
exact: (big_morph _ (@adjD m n) (@adj0 m n)).
Qed.

Lemma tr_sum n I (r : seq I) (P : pred I) (F : I -> 'M[C]_n) :
  \tr (\sum_(i <- r | P i) F i) = \sum_(i <- r | P i) \tr (F i).
Proof. exact: raddf_sum. Qed.

Lemma trB n (A B : 'M[C]_n) : \tr (A - B) = \tr A - \tr B.
Proof. exact: raddfB. Qed.

Lemma tr_adj n (A : 'M[C]_n) : \tr (adj A) = (\tr A)^*.
Proof. by rewrite /adj mxtrace_tr trace_map_mx. Qed.

(* Tr[X^+ X] = sum |X_ij|^2 >= 0, and = 0 only for X = 0 *)
Lemma tr_adjM_sum m n (X : 'M[C]_(m, n)) :
  \tr (adj X *m X) = \sum_i \sum_j (X j i)^* * X j i.
Proof.
by apply: eq_bigr => i _; rewrite mxE; apply: eq_bigr => j _; rewrite !mxE.
Qed.

Lemma tr_adjM_ge0 m n (X : 'M[C]_(m, n)) : 0 <= \tr (adj X *m X).
Proof.
rewrite tr_adjM_sum; apply: sumr_ge0 => i _; apply: sumr_ge0 => j _.
by rewrite mulrC mul_conjC_ge0.
Qed.

Lemma tr_mul_adj_ge0 m n (X : 'M[C]_(m, n)) : 0 <= \tr (X *m adj X).
Proof. by rewrite mxtrace_mulC tr_adjM_ge0. Qed.

Lemma tr_adjM_eq0 m n (X : 'M[C]_(m, n)) : \tr (adj X *m X) = 0 -> X = 0.
Proof.
rewrite tr_adjM_sum => /eqP; rewrite psumr_eq0 => [/allP H|i _]; last first.
  by apply: sumr_ge0 => j _; rewrite mulrC mul_conjC_ge0.
apply/matrixP => j i; rewrite mxE.
have /H := mem_index_enum i; rewrite implyTb psumr_eq0 => [/allP Hi|j' _].
  have /Hi := mem_index_enum j; rewrite implyTb mulrC mul_conjC_eq0.
  by move/eqP.
by rewrite mulrC mul_conjC_ge0.
Qed.

(* ------------------------------------------------------------------ *)
(* Hermitian, positive semidefinite, Loewner order, density matrices   *)

Definition hermitian n (A : 'M[C]_n) : Prop := adj A = A.

Definition psd n (X : 'M[C]_n) : Prop := exists B : 'M[C]_n, X = B *m adj B.

Definition loewner_le n (X Y : 'M[C]_n) : Prop := psd (Y - X).

Definition density n (rho : 'M[C]_n) : Prop := psd rho /\ \tr rho = 1.

Lemma psd_adjM n (X : 'M[C]_n) : psd (adj X *m X).
Proof. by exists (adj X); rewrite adjK. Qed.

(* Tr[R S] >= 0 for R, S psd *)
Lemma tr_psd_ge0 n (R S : 'M[C]_n) : psd R -> psd S -> 0 <= \tr (R *m S).
Proof.
move=> [B ->] [D ->].
have -> : \tr (B *m adj B *m (D *m adj D))
        = \tr (adj (adj D *m B) *m (adj D *m B)).
  by rewrite adjM adjK [in RHS]mulmxA [in RHS]mxtrace_mulC !mulmxA.
exact: tr_adjM_ge0.
Qed.

(* ------------------------------------------------------------------ *)
(* Spectral decomposition of H                                         *)

Record spectral n k (e : 'I_k -> C) (P : 'I_k -> 'M[C]_n) : Prop := Spectral {
  spec_real : forall i, e i \is Num.real;
  spec_inj  : injective e;
  spec_herm : forall i, hermitian (P i);
  spec_orth : forall i j, P i *m P j = if i == j then P i else 0;
  spec_sum  : \sum_i P i = 1%:M;
  spec_nz   : forall i, P i != 0
}.

(* the Hamiltonian with this spectral decomposition *)
Definition ham n k (e : 'I_k -> C) (P : 'I_k -> 'M[C]_n) : 'M[C]_n :=
  \sum_i e i *: P i.

(* pinching (dephasing in the energy eigenbasis) *)
Definition pinch n k (P : 'I_k -> 'M[C]_n) (X : 'M[C]_n) : 'M[C]_n :=
  \sum_i P i *m X *m P i.

(* ------------------------------------------------------------------ *)
(* Bohr frequencies, A(w), Omega, heat current                          *)

Definition bohr k (e : 'I_k -> C) : seq C :=
  undup [seq e j - e i | i <- enum 'I_k, j <- enum 'I_k].

Definition Aw n k (e : 'I_k -> C) (P : 'I_k -> 'M[C]_n) (A : 'M[C]_n) (w : C)
  : 'M[C]_n :=
  \sum_i \sum_(j | e j - e i == w) P i *m A *m P j.

Definition Omega n k (e : 'I_k -> C) (P : 'I_k -> 'M[C]_n) (A : 'M[C]_n)
  : seq C :=
  [seq w <- bohr e | (w != 0) && (Aw e P A w != 0)].

(* heat current into the system from one bath with noise operator A and
   rates gamma, in the state rho *)
Definition heat n k (e : 'I_k -> C) (P : 'I_k -> 'M[C]_n) (A : 'M[C]_n)
  (gamma : C -> C) (rho : 'M[C]_n) : C :=
  - \sum_(w <- bohr e)
      w * gamma w * \tr (rho *m (adj (Aw e P A w) *m Aw e P A w)).

(* several channels alpha : 'I_m, each with its A_alpha and gamma_alpha *)
Definition heat_total n k m (e : 'I_k -> C) (P : 'I_k -> 'M[C]_n)
  (A : 'I_m -> 'M[C]_n) (gamma : 'I_m -> C -> C) (rho : 'M[C]_n) : C :=
  \sum_a heat e P (A a) (gamma a) rho.

(* ------------------------------------------------------------------ *)
(* Finite maxima                                                        *)

Definition maxC (x y : C) : C := if x <= y then y else x.

(* bmax s f = max(0, max_{x in s} f x) *)
Definition bmax (T : Type) (s : seq T) (f : T -> C) : C :=
  foldr (fun x m => maxC (f x) m) 0 s.

Lemma maxC_cases x y : maxC x y = x \/ maxC x y = y.
Proof. by rewrite /maxC; case: ifP; [right | left]. Qed.

Lemma bmax_ge0 (T : eqType) (s : seq T) f :
  {in s, forall x, f x \is Num.real} -> 0 <= bmax s f.
Proof.
elim: s => [|x s IH] Hr /=; first by rewrite lexx.
have Hs : 0 <= bmax s f by apply: IH => y ys; apply: Hr; rewrite inE ys orbT.
rewrite /maxC; case: ifP => // /negbT Hn.
have Rx : f x \is Num.real by apply: Hr; rewrite inE eqxx.
have := real_leVge Rx (ger0_real Hs); rewrite (negbTE Hn) /=.
by move=> H; apply: le_trans H.
Qed.

Lemma bmax_real (T : eqType) (s : seq T) f :
  {in s, forall x, f x \is Num.real} -> bmax s f \is Num.real.
Proof. by move=> H; apply/ger0_real/bmax_ge0. Qed.

Lemma bmax_ub (T : eqType) (s : seq T) f x :
  {in s, forall x, f x \is Num.real} -> x \in s -> f x <= bmax s f.
Proof.
elim: s => [|y s IH] Hr //=.
have Hr' : {in s, forall x, f x \is Num.real}.
  by move=> z zs; apply: Hr; rewrite inE zs orbT.
have Ry : f y \is Num.real by apply: Hr; rewrite inE eqxx.
have Rm := bmax_real Hr'.
rewrite inE => /orP [/eqP -> | xs].
  by rewrite /maxC; case: ifP => // _; rewrite lexx.
apply: le_trans (IH Hr' xs) _.
rewrite /maxC; case: ifP => [_|/negbT Hn]; first by rewrite lexx.
by have := real_leVge Ry Rm; rewrite (negbTE Hn).
Qed.

Lemma bmax_le (T : eqType) (s : seq T) f b :
  0 <= b -> (forall x, x \in s -> f x <= b) -> bmax s f <= b.
Proof.
move=> b0; elim: s => [|x s IH] Hb //=.
have Hs : bmax s f <= b by apply: IH => y ys; apply: Hb; rewrite inE ys orbT.
by case: (maxC_cases (f x) (bmax s f)) => ->; last exact: Hs;
   apply: Hb; rewrite inE eqxx.
Qed.

Lemma bmax_cases (T : eqType) (s : seq T) f :
  bmax s f = 0 \/ exists2 x, x \in s & bmax s f = f x.
Proof.
elim: s => [|y s IH] /=; first by left.
case: (maxC_cases (f y) (bmax s f)) => ->.
  by right; exists y; rewrite ?inE ?eqxx.
case: IH => [->|[x xs ->]]; first by left.
by right; exists x; rewrite // inE xs orbT.
Qed.

(* ------------------------------------------------------------------ *)
(* The quantities in the bounds                                         *)

(* spectral width W = max_{i,j} (e_j - e_i) = E_max - E_min *)
Definition width k (e : 'I_k -> C) : C := bmax (bohr e) id.

(* max_{w in Omega} |w| gamma(w) *)
Definition Mrate n k (e : 'I_k -> C) (P : 'I_k -> 'M[C]_n) (A : 'M[C]_n)
  (gamma : C -> C) : C :=
  bmax (Omega e P A) (fun w => `|w| * gamma w).

(* Gamma = max_{w in Omega} gamma(w) *)
Definition Gam n k (e : 'I_k -> C) (P : 'I_k -> 'M[C]_n) (A : 'M[C]_n)
  (gamma : C -> C) : C :=
  bmax (Omega e P A) gamma.

(* Gamma = max over the channels alpha and over w in Omega_alpha of gamma_alpha(w) *)
Definition Gam_total n k m (e : 'I_k -> C) (P : 'I_k -> 'M[C]_n)
  (A : 'I_m -> 'M[C]_n) (gamma : 'I_m -> C -> C) : C :=
  bmax (enum 'I_m) (fun a => Gam e P (A a) (gamma a)).

End Setting.

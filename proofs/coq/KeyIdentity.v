(* heatbound -- Coq development, part 2: the key identity

     A Hermitian  ==>  sum_{w in bohr e} A(w)^+ A(w) = sum_i P_i A^2 P_i
                                                    = Pinch(A^2).          *)

From mathcomp Require Import all_ssreflect all_algebra.
From Heatbound Require Import Setting.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import Order.POrderTheory GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section KeyIdentity.

Variable C : numClosedFieldType.
Variables (n k : nat) (e : 'I_k -> C) (P : 'I_k -> 'M[C]_n).
Hypothesis sp : spectral e P.

Lemma bohr_f i j : e j - e i \in bohr e.
Proof.
by rewrite mem_undup; apply: (allpairs_f (fun i j => e j - e i)); rewrite mem_enum.
Qed.

Lemma bohrP w : reflect (exists i j, w = e j - e i) (w \in bohr e).
Proof.
apply: (iffP idP) => [|[i [j ->]]]; last exact: bohr_f.
by rewrite mem_undup => /allpairsP [[i j] [_ _ ->]]; exists i, j.
Qed.

Lemma bohr_real w : w \in bohr e -> w \is Num.real.
Proof. by case/bohrP => i [j ->]; rewrite rpredB ?(spec_real sp). Qed.

Lemma bohrN w : w \in bohr e -> - w \in bohr e.
Proof. by case/bohrP => i [j ->]; rewrite opprB bohr_f. Qed.

(* grouping the pairs (i, j) by their Bohr frequency e_j - e_i *)
Lemma sum_bohr (V : zmodType) (F : 'I_k -> 'I_k -> V) :
  \sum_(w <- bohr e) \sum_i \sum_(j | e j - e i == w) F i j
  = \sum_i \sum_j F i j.
Proof.
rewrite exchange_big /=; apply: eq_bigr => i _.
rewrite (eq_bigr _ (fun w _ => big_mkcond _ _)) exchange_big /=.
apply: eq_bigr => j _; rewrite -big_mkcond /=.
rewrite (eq_bigl (pred1 (e j - e i))) => [|w]; last by rewrite /= eq_sym.
by rewrite -big_filter filter_pred1_uniq ?undup_uniq ?bohr_f // big_seq1.
Qed.

Lemma P_Aw (A : 'M[C]_n) i w :
  P i *m Aw e P A w = \sum_(j | e j - e i == w) P i *m A *m P j.
Proof.
rewrite /Aw mulmx_sumr (bigD1 i) //= [X in _ + X]big1 ?addr0 => [|i' ne].
  by rewrite mulmx_sumr; apply: eq_bigr => j _; rewrite !mulmxA (spec_orth sp) eqxx.
rewrite mulmx_sumr big1 // => j _.
by rewrite !mulmxA (spec_orth sp) eq_sym (negbTE ne) !mul0mx.
Qed.

Lemma adj_Aw (A : 'M[C]_n) w : hermitian A ->
  adj (Aw e P A w) = \sum_i \sum_(j | e j - e i == w) P j *m A *m P i.
Proof.
move=> hA; rewrite /Aw adj_sum; apply: eq_bigr => i _.
rewrite adj_sum; apply: eq_bigr => j _.
by rewrite !adjM !(spec_herm sp) hA mulmxA.
Qed.

Lemma AwAw (A : 'M[C]_n) w : hermitian A ->
  adj (Aw e P A w) *m Aw e P A w
  = \sum_i \sum_(j | e j - e i == w) P j *m A *m P i *m A *m P j.
Proof.
move=> hA; rewrite adj_Aw // mulmx_suml; apply: eq_bigr => i _.
rewrite mulmx_suml; apply: eq_bigr => j /eqP hw.
rewrite -mulmxA P_Aw (big_pred1 j) => [|j']; first by rewrite !mulmxA.
rewrite /= -hw; apply/eqP/eqP => [h|->] //.
by apply: (spec_inj sp); apply: (addIr (- e i)).
Qed.

(* The key identity *)
Theorem key_identity (A : 'M[C]_n) : hermitian A ->
  \sum_(w <- bohr e) adj (Aw e P A w) *m Aw e P A w = pinch P (A *m A).
Proof.
move=> hA; rewrite (eq_bigr _ (fun w _ => AwAw w hA)) sum_bohr exchange_big /=.
apply: eq_bigr => j _.
have -> : \sum_i P j *m A *m P i *m A *m P j
          = (P j *m A) *m (\sum_i P i) *m (A *m P j).
  by rewrite mulmx_sumr mulmx_suml; apply: eq_bigr => i _; rewrite !mulmxA.
by rewrite (spec_sum sp) mulmx1 !mulmxA.
Qed.

End KeyIdentity.

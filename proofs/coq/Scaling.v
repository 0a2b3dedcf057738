(* heatbound -- Coq development, part 4: scaling corollaries.

   * W <= 2 ||H||  (with ||H|| <= r stated as H^2 <= r^2 I);
   * real-number lemmas: sum_a s_a^2 <= (sum_a s_a)^2, and the cubic and
     quadratic scaling of sum_alpha J_alpha;
   * the same corollaries for the heat current of the matrix model:
       ||H|| <= h L, sum_alpha ||A_alpha|| <= a L, rates <= Gamma on Omega
         ==>  |J| <= 2 h a^2 Gamma L^3
       band-limited noise (DeltaE), sum_alpha ||A_alpha|| <= a L
         ==>  |J| <= DeltaE Gamma a^2 L^2.
   Here L is any nonnegative number (the number of particles in the
   application): the statements hold for every L, h, a, so the constants
   do not depend on the dimension. *)

From mathcomp Require Import all_ssreflect all_algebra ring.
From Heatbound Require Import Setting KeyIdentity Bounds.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import Order.POrderTheory GRing.Theory Num.Theory.
Local Open Scope ring_scope.

(* ------------------------------------------------------------------ *)
(* Real-number lemmas (over any numDomainType; all quantities involved   *)
(* are nonnegative, hence real)                                         *)

Section RealLemmas.

Variable R : numDomainType.

Lemma sum_sqr_le m (s : 'I_m -> R) : (forall a, 0 <= s a) ->
  \sum_a s a ^+ 2 <= (\sum_a s a) ^+ 2.
Proof.
move=> s0; rewrite [X in _ <= X]expr2 mulr_suml; apply: ler_sum => a _.
rewrite expr2 mulr_sumr (bigD1 a) //= ler_addl.
by apply: sumr_ge0 => b _; apply: mulr_ge0.
Qed.

Lemma sum_sqr_le_sqr m (s : 'I_m -> R) b : (forall a, 0 <= s a) ->
  \sum_a s a <= b -> \sum_a s a ^+ 2 <= b ^+ 2.
Proof.
move=> s0 hb; apply: le_trans (sum_sqr_le s0) _.
have S0 : 0 <= \sum_a s a by apply: sumr_ge0.
by rewrite !expr2 ler_pmul.
Qed.

Theorem cubic_scaling_real m (J s : 'I_m -> R) (W G h a L : R) :
  0 <= G -> 0 <= h -> 0 <= L -> (forall al, 0 <= s al) ->
  W <= 2%:R * h * L -> \sum_al s al <= a * L ->
  (forall al, `|J al| <= W * G * s al ^+ 2) ->
  `|\sum_al J al| <= 2%:R * h * a ^+ 2 * G * L ^+ 3.
Proof.
move=> G0 h0 L0 s0 hW hs hJ.
apply: le_trans (ler_norm_sum _ _ _) _.
apply: le_trans (ler_sum _ (fun al _ => hJ al)) _.
rewrite -mulr_sumr.
have S0 : 0 <= \sum_al s al ^+ 2 by apply: sumr_ge0 => al _; apply: exprn_ge0.
apply: le_trans (ler_wpmul2r S0 (ler_wpmul2r G0 hW)) _.
have hL0 : 0 <= 2%:R * h * L * G by rewrite !mulr_ge0 ?ler0n.
apply: le_trans (ler_wpmul2l hL0 (sum_sqr_le_sqr s0 hs)) _.
suff -> : 2%:R * h * L * G * (a * L) ^+ 2 = 2%:R * h * a ^+ 2 * G * L ^+ 3.
  by rewrite lexx.
by ring.
Qed.

Theorem quadratic_scaling_real m (J s : 'I_m -> R) (dE G a L : R) :
  0 <= dE -> 0 <= G -> (forall al, 0 <= s al) ->
  \sum_al s al <= a * L ->
  (forall al, `|J al| <= dE * G * s al ^+ 2) ->
  `|\sum_al J al| <= dE * G * a ^+ 2 * L ^+ 2.
Proof.
move=> dE0 G0 s0 hs hJ.
apply: le_trans (ler_norm_sum _ _ _) _.
apply: le_trans (ler_sum _ (fun al _ => hJ al)) _.
rewrite -mulr_sumr.
apply: le_trans (ler_wpmul2l (mulr_ge0 dE0 G0) (sum_sqr_le_sqr s0 hs)) _.
suff -> : dE * G * (a * L) ^+ 2 = dE * G * a ^+ 2 * L ^+ 2 by rewrite lexx.
by ring.
Qed.

End RealLemmas.

(* ------------------------------------------------------------------ *)
(* Spectral width versus the norm of H                                  *)

Section Width.

Variable C : numClosedFieldType.
Variables (n k : nat) (e : 'I_k -> C) (P : 'I_k -> 'M[C]_n).
Hypothesis sp : spectral e P.

(* [width e] is the spectral width E_max - E_min *)
Theorem width_spec (i0 : 'I_k) : exists imin imax,
  width e = e imax - e imin /\ forall i, e imin <= e i /\ e i <= e imax.
Proof.
have Rb : {in bohr e, forall x, id x \is Num.real} by move=> x /(bohr_real sp).
have [i [j hw]] : exists i j, width e = e j - e i.
  case: (bmax_cases (bohr e) id) => [|[x /(bohrP e) [i [j ->]] hx]].
    by rewrite /width => ->; exists i0, i0; rewrite subrr.
  by exists i, j.
exists i, j; split => // i'; split.
  have := bmax_ub Rb (bohr_f e i' j); rewrite -/(width e) hw /=.
  by rewrite ler_add2l ler_opp2.
have := bmax_ub Rb (bohr_f e i i'); rewrite -/(width e) hw /=.
by rewrite ler_add2r.
Qed.

Lemma P_ham i : P i *m ham e P = e i *: P i.
Proof.
rewrite /ham mulmx_sumr (bigD1 i) //= [X in _ + X]big1 ?addr0 => [|j ne].
  by rewrite -scalemxAr (spec_orth sp) eqxx.
by rewrite -scalemxAr (spec_orth sp) eq_sym (negbTE ne) scaler0.
Qed.

Lemma ham_P i : ham e P *m P i = e i *: P i.
Proof.
rewrite /ham mulmx_suml (bigD1 i) //= [X in _ + X]big1 ?addr0 => [|j ne].
  by rewrite -scalemxAl (spec_orth sp) eqxx.
by rewrite -scalemxAl (spec_orth sp) (negbTE ne) scaler0.
Qed.

Lemma tr_P_gt0 i : 0 < \tr (P i).
Proof.
have -> : \tr (P i) = \tr (adj (P i) *m P i).
  by rewrite (spec_herm sp) (spec_orth sp) eqxx.
rewrite lt0r tr_adjM_ge0 andbT; apply/eqP => /tr_adjM_eq0 /eqP.
by rewrite (negbTE (spec_nz sp i)).
Qed.

(* every eigenvalue of H satisfies |e_i| <= r when H^2 <= r^2 I *)
Lemma eig_le_norm r i : 0 <= r ->
  loewner_le (ham e P *m ham e P) (r ^+ 2)%:M -> `|e i| <= r.
Proof.
move=> r0 [D hD].
have key : P i *m ((r ^+ 2)%:M - ham e P *m ham e P) *m P i
           = (r ^+ 2 - e i ^+ 2) *: P i.
  rewrite mulmxBr mulmxBl mul_mx_scalar -scalemxAl (spec_orth sp) eqxx.
  rewrite !mulmxA P_ham -!scalemxAl P_ham -!scalemxAl scalerA.
  by rewrite (spec_orth sp) eqxx -expr2 scalerBl.
have tr0 : 0 <= (r ^+ 2 - e i ^+ 2) * \tr (P i).
  rewrite -mxtraceZ -key hD.
  have -> : P i *m (D *m adj D) *m P i = (P i *m D) *m adj (P i *m D).
    by rewrite adjM (spec_herm sp) !mulmxA.
  exact: tr_mul_adj_ge0.
rewrite pmulr_lge0 ?tr_P_gt0 // subr_ge0 in tr0.
rewrite -ler_sqr ?nnegrE ?normr_ge0 // real_normK //.
exact: (spec_real sp).
Qed.

(* W <= 2 ||H||, with ||H|| <= r in Loewner form H^2 <= r^2 I *)
Theorem width_le_2norm r : 0 <= r ->
  loewner_le (ham e P *m ham e P) (r ^+ 2)%:M -> width e <= 2%:R * r.
Proof.
move=> r0 hH; apply: bmax_le; first by rewrite mulr_ge0 ?ler0n.
move=> w /(bohrP e) [i [j ->]] /=.
have Rw : e j - e i \is Num.real by rewrite rpredB ?(spec_real sp).
apply: le_trans (real_ler_norm Rw) _.
apply: le_trans (ler_norm_sub _ _) _.
by rewrite mulr_natl mulr2n ler_add ?(eig_le_norm _ r0 hH).
Qed.

End Width.

(* ------------------------------------------------------------------ *)
(* Scaling corollaries for the heat current                            *)

Section Scaling.

Variable C : numClosedFieldType.
Variables (n k m : nat) (e : 'I_k -> C) (P : 'I_k -> 'M[C]_n).
Hypothesis sp : spectral e P.
Variables (A : 'I_m -> 'M[C]_n) (gamma : 'I_m -> C -> C) (rho : 'M[C]_n).
Hypothesis hA : forall al, hermitian (A al).
Hypothesis hrho : density rho.
Hypothesis g0 : forall al w, 0 <= gamma al w.

(* ||A_alpha|| <= s_alpha for every channel, as A_alpha^2 <= s_alpha^2 I *)
Variable s : 'I_m -> C.
Hypothesis s0 : forall al, 0 <= s al.
Hypothesis hs : forall al, loewner_le (A al *m A al) (s al ^+ 2)%:M.

(* rates bounded by Gamma on the relevant Bohr frequencies *)
Variable G : C.
Hypothesis G0 : 0 <= G.
Hypothesis hG : forall al w, w \in Omega e P (A al) -> gamma al w <= G.

Lemma channel_bound B : 0 <= B ->
  (forall al w, w \in Omega e P (A al) -> `|w| <= B) ->
  forall al, `|heat e P (A al) (gamma al) rho| <= B * G * s al ^+ 2.
Proof.
move=> B0 hB al; apply: le_trans (bound1 sp (hA al) hrho (g0 al) (hs al)) _.
apply: ler_wpmul2r; first exact: exprn_ge0.
by apply: Mrate_le => //; [exact: hB | exact: hG].
Qed.

(* Bound 1 scaling: ||H|| <= h L, sum_alpha ||A_alpha|| <= a L  ==>  L^3 *)
Theorem heat_cubic_scaling h a L :
  0 <= h -> 0 <= L ->
  loewner_le (ham e P *m ham e P) ((h * L) ^+ 2)%:M ->
  \sum_al s al <= a * L ->
  `|heat_total e P A gamma rho| <= 2%:R * h * a ^+ 2 * G * L ^+ 3.
Proof.
move=> h0 L0 hH hsum.
have hL0 : 0 <= h * L by apply: mulr_ge0.
rewrite /heat_total; apply: (cubic_scaling_real (W := width e) (s := s)) => //.
  by rewrite -mulrA; apply: (width_le_2norm sp hL0 hH).
apply: channel_bound; first exact: (width_ge0 sp).
by move=> al w /Omega_bohr; apply: (bohr_le_width sp).
Qed.

(* Bound 2 scaling: band-limited noise, sum_alpha ||A_alpha|| <= a L  ==>  L^2 *)
Theorem heat_quadratic_scaling dE a L :
  0 <= dE -> (forall al, band_limited e P (A al) dE) ->
  \sum_al s al <= a * L ->
  `|heat_total e P A gamma rho| <= dE * G * a ^+ 2 * L ^+ 2.
Proof.
move=> dE0 hb hsum; rewrite /heat_total.
apply: (quadratic_scaling_real (s := s)) => //.
apply: channel_bound => // al w; exact: (band_Omega sp).
Qed.

End Scaling.

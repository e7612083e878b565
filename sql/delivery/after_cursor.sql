change_seq > $cursor AND change_seq <= $upto

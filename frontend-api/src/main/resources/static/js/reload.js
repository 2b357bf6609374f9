// While a rebuild runs, the projections page reads its figures again every two seconds.
setTimeout(() => location.reload(), 2000);
